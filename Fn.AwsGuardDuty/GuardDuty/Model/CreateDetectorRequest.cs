namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>CreateDetector (mainly for tests and the sandbox).</summary>
public sealed record CreateDetectorRequest
{
    public bool Enable { get; init; } = true;

    /// <summary>FIFTEEN_MINUTES | ONE_HOUR | SIX_HOURS.</summary>
    public string? FindingPublishingFrequency { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public string? ClientToken { get; init; }
}
