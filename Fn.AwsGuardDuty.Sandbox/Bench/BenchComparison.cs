namespace Fn.AwsGuardDuty.Sandbox.Bench;

public enum BenchComparison
{
    AtLeast,
    AtMost,
    Below,
}
