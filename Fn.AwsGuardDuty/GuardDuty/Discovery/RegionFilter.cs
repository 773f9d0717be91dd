using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>
/// <c>aws_gd_regions</c>: leading/trailing quotes are stripped (as the reference's <c>strip("'\"")</c>). A comma-separated
/// list of region names selects exactly those regions; anything else is a regular expression searched (not fully matched)
/// case-insensitively in each region name, so <c>us-west-2</c> and <c>^(us|eu)</c> work as they did in the Python app.
/// </summary>
public sealed partial class RegionFilter
{
    private readonly Regex? _regex;
    private readonly HashSet<string> _list;

    private RegionFilter(Regex? regex, IReadOnlyList<string> list, string text)
    {
        _regex = regex;
        ExplicitRegions = list;
        _list = new HashSet<string>(list, StringComparer.OrdinalIgnoreCase);
        Text = text;
    }

    /// <summary>The value after quote stripping.</summary>
    public string Text { get; }

    /// <summary>True when the value was a comma-separated list rather than a pattern.</summary>
    public bool IsExplicitList => _regex is null;

    /// <summary>The listed regions (lower-cased), empty for a pattern.</summary>
    public IReadOnlyList<string> ExplicitRegions { get; }

    [GeneratedRegex(@"^\s*[A-Za-z0-9-]+\s*(,\s*([A-Za-z0-9-]+\s*)?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ListSyntax();

    /// <summary>Throws <see cref="ArgumentException"/> naming <c>aws_gd_regions</c> when the value is empty or not a valid pattern.</summary>
    public static RegionFilter Parse(string? value)
    {
        var text = (value ?? "").Trim().Trim('\'', '"').Trim();
        if (text.Length == 0) throw new ArgumentException("aws_gd_regions is empty; use a pattern such as .* or a list such as us-east-1,eu-west-1.");
        if (ListSyntax().IsMatch(text))
        {
            var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => r.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            return new RegionFilter(null, list, text);
        }
        try
        {
            var regex = new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return new RegionFilter(regex, [], text);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"aws_gd_regions: the query filter '{text}' is not a valid regular expression ({e.Message}).", e);
        }
    }

    public bool Matches(string region) => _regex is null ? _list.Contains(region) : _regex.IsMatch(region);

    /// <summary>The matching regions, in the order given.</summary>
    public IReadOnlyList<string> Apply(IEnumerable<string> regions) => regions.Where(Matches).ToList();

    public override string ToString() => IsExplicitList ? $"regions {string.Join(",", ExplicitRegions)}" : $"pattern '{Text}'";
}
