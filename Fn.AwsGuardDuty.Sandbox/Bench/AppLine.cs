namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>A line the app wrote to stdout, and when the bench read it (time since the process was started).</summary>
public sealed record AppLine(string Text, TimeSpan At);
