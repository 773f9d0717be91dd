namespace Fn.AwsGuardDuty.Configuration;

/// <summary><c>aws_gd_update_mode</c>: how the poller brings a known incident up to date.</summary>
public enum UpdateMode
{
    /// <summary>Flip <c>aws_guardduty_trigger_refresh</c> so the refresh playbook runs (IBM's behaviour).</summary>
    Trigger,

    /// <summary>The poller updates the incident's fields and replaces its table rows itself.</summary>
    Direct,
}
