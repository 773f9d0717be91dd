namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>A named selftest result, as printed.</summary>
public sealed record SelfTestRow(string Name, SelfTestResult Result);
