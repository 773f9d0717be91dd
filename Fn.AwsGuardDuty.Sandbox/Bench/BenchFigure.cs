using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>One measured figure of a scenario, with its target (none for figures reported for context).</summary>
public sealed record BenchFigure(string Name, double Value, string Unit, BenchTarget? Target = null, string? Note = null)
{
    /// <summary>Null when the figure has no target.</summary>
    public bool? Pass => Target?.IsMetBy(Value);

    public string ValueText => Format(Value) + (Unit.Length > 0 ? " " + Unit : "");

    public static string Format(double value) =>
        Math.Abs(value) >= 100 || value == Math.Round(value)
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : Math.Abs(value) >= 1 ? value.ToString("0.0##", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
