namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>What an import would do to one object: <see cref="Action"/> is "added", "changed" or "unchanged".</summary>
public sealed record SoarImportChange(string Kind, string Name, string Action);
