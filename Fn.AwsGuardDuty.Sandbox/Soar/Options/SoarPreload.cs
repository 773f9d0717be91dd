namespace Fn.AwsGuardDuty.Sandbox.Soar.Options;

/// <summary>What an org's customization holds before anything is imported.</summary>
public enum SoarPreload
{
    /// <summary>Only the platform's own objects: standard incident fields and artifact types.</summary>
    None,

    /// <summary>
    /// Also the GuardDuty app's objects as guardduty-app.md §5 describes them (destination fn_aws_gd, the archive and
    /// refresh functions with their inputs, the 11 incident fields, the 6 data tables, the 3 artifact types), so
    /// tests of the poller can run before export.res exists.
    /// </summary>
    GuardDuty,
}
