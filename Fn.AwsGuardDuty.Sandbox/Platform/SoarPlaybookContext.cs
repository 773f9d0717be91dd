namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// When a playbook (not a workflow) calls the function: the message then carries <c>playbook_instance</c> and no
/// workflow. SOAR's shape for it is not in any captured sample, so only ids and names are filled (soar-protocol §3.2).
/// </summary>
public sealed record SoarPlaybookContext(string PlaybookName, string DisplayName, long IncidentId);
