using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>A DESIGN.md §7 target: the value must be at least, at most, or below a threshold.</summary>
public sealed record BenchTarget(BenchComparison Comparison, double Threshold)
{
    public static BenchTarget AtLeast(double threshold) => new(BenchComparison.AtLeast, threshold);

    public static BenchTarget AtMost(double threshold) => new(BenchComparison.AtMost, threshold);

    public static BenchTarget Below(double threshold) => new(BenchComparison.Below, threshold);

    public string Operator => Comparison switch
    {
        BenchComparison.AtLeast => ">=",
        BenchComparison.AtMost => "<=",
        _ => "<",
    };

    public bool IsMetBy(double value) => Comparison switch
    {
        BenchComparison.AtLeast => value >= Threshold,
        BenchComparison.AtMost => value <= Threshold,
        _ => value < Threshold,
    };

    public string Describe(string unit) => string.Create(CultureInfo.InvariantCulture, $"{Operator} {BenchFigure.Format(Threshold)}{(unit.Length > 0 ? " " + unit : "")}");
}
