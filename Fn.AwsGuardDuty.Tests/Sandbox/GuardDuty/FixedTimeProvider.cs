namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>A clock that says what the test tells it.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
