using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The value of <c>aws_gd_regions</c>: either a regular expression, with IBM's semantics (leading and trailing
/// quotes stripped, case-insensitive search anywhere in the region name), or an explicit comma-separated list
/// of region names, matched exactly (case-insensitive).
/// </summary>
/// <remarks>
/// A value is a list when it contains a comma and every comma-separated item looks like a region name
/// (<c>us-east-1</c>, <c>us-gov-west-1</c>). A single region name stays a regex, as before, so <c>us-west-2</c>
/// keeps matching the names that contain it.
/// </remarks>
public sealed partial class RegionFilter
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly HashSet<string>? _regions;

    private RegionFilter(string text, Regex? pattern, IReadOnlyList<string>? regions)
    {
        Text = text;
        Pattern = pattern;
        Regions = regions;
        _regions = regions is null ? null : new HashSet<string>(regions, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The value as written (quotes stripped).</summary>
    public string Text { get; }

    /// <summary>The regex, when the value is a pattern.</summary>
    public Regex? Pattern { get; }

    /// <summary>The region names, when the value is an explicit list.</summary>
    public IReadOnlyList<string>? Regions { get; }

    public bool IsList => Regions is not null;

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex RegionName();

    public bool Matches(string region)
    {
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
            return false;
        }
    }

    public static bool TryParse(string value, out RegionFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        var text = value.Trim().Trim('\'', '"');
        if (text.Length == 0)
        {
            error = "is empty; give a regular expression such as .* or a list such as us-east-1, eu-west-1";
            return false;
        }

        if (text.Contains(','))
        {
            var items = text.Split(',', StringSplitOptions.TrimEntries);
            if (items.All(i => RegionName().IsMatch(i)))
            {
                filter = new RegionFilter(text, null, items.Select(i => i.ToLowerInvariant()).Distinct().ToArray());
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
