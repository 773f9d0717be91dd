namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>A data-table row: cell values by column API name (normalized scalars only, to stay small).</summary>
internal sealed class SoarTableRowRecord
{
    public required long Id { get; init; }

    public required Dictionary<string, object?> Cells { get; set; }

    public int Version { get; set; } = 1;
}
