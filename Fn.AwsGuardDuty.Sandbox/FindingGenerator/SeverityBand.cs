namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>GuardDuty's severity levels: Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.</summary>
public readonly record struct SeverityBand(string Name, double Min, double Max)
{
    public static SeverityBand Low { get; } = new("Low", 1.0, 3.9);

    public static SeverityBand Medium { get; } = new("Medium", 4.0, 6.9);

    public static SeverityBand High { get; } = new("High", 7.0, 8.9);

    public static SeverityBand Critical { get; } = new("Critical", 9.0, 10.0);

    public static SeverityBand Of(double severity) =>
        severity >= 9.0 ? Critical : severity >= 7.0 ? High : severity >= 4.0 ? Medium : Low;
}
