namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>A line the app wrote to stdout, and when it was read (time since the process was started).</summary>
public sealed record AppLine(string Text, TimeSpan At);
