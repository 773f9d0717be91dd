using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The value of <c>aws_gd_regions</c>, parsed once: either a regular expression, with IBM's semantics (leading and
/// trailing quotes stripped, case-insensitive search anywhere in the region name), or an explicit comma-separated list
/// of region names, matched exactly (case-insensitive). Region discovery gets this value, never the text.
/// </summary>
/// <remarks>
/// A value is a list when it contains a comma and every non-empty comma-separated item looks like a region name
/// (<c>us-east-1</c>, <c>us-gov-west-1</c>). A single region name stays a regex, as before, so <c>us-west-2</c>
/// keeps matching the names that contain it. A match that runs into the timeout counts as "no match" for that region.
/// </remarks>
public sealed partial class RegionFilter
{
    public const string Key = "aws_gd_regions";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly HashSet<string>? _regions;

    private RegionFilter(string text, Regex? pattern, IReadOnlyList<string>? regions)
    {
        Text = text;
        Pattern = pattern;
        Regions = regions;
        _regions = regions is null ? null : new HashSet<string>(regions, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every region (<c>.*</c>).</summary>
    public static RegionFilter All { get; } = Parse(".*");

    /// <summary>The value as written (quotes stripped).</summary>
    public string Text { get; }

    /// <summary>The regex, when the value is a pattern.</summary>
    public Regex? Pattern { get; }

    /// <summary>The region names (lower case), when the value is an explicit list.</summary>
    public IReadOnlyList<string>? Regions { get; }

    public bool IsList => Regions is not null;

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex RegionName();

    /// <summary>Whether the region is selected; false when the pattern ran into its match timeout.</summary>
    public bool Matches(string region) => Matches(region, out _);

    public bool Matches(string region, out bool timedOut)
    {
        timedOut = false;
        if (_regions is not null)
        {
            return _regions.Contains(region);
        }

        try
        {
            return Pattern!.IsMatch(region);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }

    /// <summary>The selected regions, in the order given; <paramref name="timedOut"/> gets those whose match timed out.</summary>
    public IReadOnlyList<string> Apply(IEnumerable<string> regions, out IReadOnlyList<string> timedOut)
    {
        var selected = new List<string>();
        var slow = new List<string>();
        foreach (var region in regions)
        {
            if (Matches(region, out var timeout)) selected.Add(region);
            else if (timeout) slow.Add(region);
        }

        timedOut = slow;
        return selected;
    }

    /// <summary>Parses a value that is known to be valid (defaults, tests); throws <see cref="ArgumentException"/> naming the key.</summary>
    public static RegionFilter Parse(string value) =>
        TryParse(value, out var filter, out var error) ? filter! : throw new ArgumentException($"{Key}: {error}.");

    public static bool TryParse(string value, out RegionFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        var text = value.Trim().Trim('\'', '"').Trim();
        if (text.Length == 0)
        {
            error = "is empty; give a regular expression such as .* or a list such as us-east-1, eu-west-1";
            return false;
        }

        if (text.Contains(','))
        {
            var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (items.Length > 0 && items.All(i => RegionName().IsMatch(i)))
            {
                filter = new RegionFilter(text, null, items.Select(i => i.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray());
                return true;
            }
        }

        try
        {
            var regex = new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
            filter = new RegionFilter(text, regex, null);
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"'{text}' is not a valid regular expression ({e.Message})";
            return false;
        }
    }

    public override string ToString() => IsList ? string.Join(", ", Regions!) : Text;
}
