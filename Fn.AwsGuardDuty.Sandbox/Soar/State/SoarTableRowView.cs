namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>A copy of a data-table row for tests: cell values by column API name.</summary>
public sealed record SoarTableRowView(long Id, int Version, IReadOnlyDictionary<string, object?> Cells);
