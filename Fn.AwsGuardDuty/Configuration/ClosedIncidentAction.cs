namespace Fn.AwsGuardDuty.Configuration;

/// <summary><c>aws_gd_closed_incident_action</c>: what to do when an updated finding belongs to a closed incident.</summary>
public enum ClosedIncidentAction
{
    /// <summary>Log it and leave the incident closed; no new incident is created.</summary>
    Leave,

    /// <summary>Reopen the incident.</summary>
    Reopen,
}
