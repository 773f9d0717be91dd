namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>A clock stopped at one instant, in UTC, so the mapper's timestamp is known.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static FixedTimeProvider Default { get; } = new(new DateTimeOffset(2024, 4, 11, 14, 8, 54, TimeSpan.Zero));

    /// <summary>The mapper's timestamp for <see cref="Default"/>.</summary>
    public const string DefaultTimestamp = "2024-04-11 14:08:54";

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
