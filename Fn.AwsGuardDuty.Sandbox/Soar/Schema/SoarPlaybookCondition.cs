namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>One activation condition of a playbook, e.g. <c>incident.plan_status changed_to Closed</c>.</summary>
public sealed record SoarPlaybookCondition(string? FieldName, string Method, object? Value);
