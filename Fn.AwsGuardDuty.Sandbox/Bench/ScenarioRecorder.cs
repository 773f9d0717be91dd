namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>Collects a scenario's figures and details as it goes, so a scenario that fails half-way still reports what it measured.</summary>
public sealed class ScenarioRecorder
{
    private readonly List<BenchFigure> _figures = [];
    private readonly Dictionary<string, object?> _details = new(StringComparer.Ordinal);

    public IReadOnlyList<BenchFigure> Figures => _figures;

    public IReadOnlyDictionary<string, object?> Details => _details;

    public BenchFigure Figure(string name, double value, string unit, BenchTarget? target = null, string? note = null)
    {
        var figure = new BenchFigure(name, value, unit, target, note);
        _figures.Add(figure);
        return figure;
    }

    public void Detail(string key, object? value) => _details[key] = value;
}
