namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// One thing wrong with app.config. <see cref="ToString"/> gives the single line printed at start-up:
/// <c>app.config: [section] key: what is wrong</c>. Messages never carry a secret value.
/// </summary>
public sealed record ConfigProblem(string? Section, string? Key, string Message, int? Line = null)
{
    public const string Prefix = "app.config";

    public override string ToString()
    {
        var where = (Section, Key) switch
        {
            ({ } s, { } k) => $"[{s}] {k}: ",
            ({ } s, null) => $"[{s}]: ",
            (null, { } k) => $"{k}: ",
            _ => "",
        };
        var line = Line is { } n ? $"line {n}: " : "";
        return $"{Prefix}: {where}{line}{Message}";
    }
}
