namespace Fn.AwsGuardDuty.Cli.SelfTest;

public enum SelfTestStatus
{
    Pass,
    Fail,

    /// <summary>Not applicable here (e.g. the poller is off); does not fail the selftest.</summary>
    Skipped,
}
