using Fn.AwsGuardDuty.Sandbox.GuardDuty;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>A finding the sandbox put into the GuardDuty emulator.</summary>
public sealed record SeededFinding(DetectorKey Detector, string Id, string Type, double Severity)
{
    public string Region => Detector.Region;
}
