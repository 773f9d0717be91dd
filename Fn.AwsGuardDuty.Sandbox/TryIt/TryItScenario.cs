namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>What the try-it command does once everything runs.</summary>
public enum TryItScenario
{
    /// <summary>Seed, show the loop once, print a summary, then stay up for poking until Ctrl-C.</summary>
    Interactive,

    /// <summary>A scripted story with checked expectations; exits 0 when every one held.</summary>
    Demo,
}
