namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>One choice of a select or multiselect field: SOAR stores the numeric value and shows the label.</summary>
public sealed record SoarSelectValue(long Value, string Label, bool Enabled = true);
