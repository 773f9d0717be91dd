namespace Fn.AwsGuardDuty.Findings;

/// <summary>A data table column: its API name and the label the customization shows.</summary>
public sealed record DataTableColumn(string Name, string Label);
