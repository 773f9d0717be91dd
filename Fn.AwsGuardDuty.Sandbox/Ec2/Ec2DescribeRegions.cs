using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Sandbox.Ec2;

/// <summary>
/// DescribeRegions over the configured region list: <c>RegionName.N</c>, <c>AllRegions</c> (include not-opted-in),
/// <c>Filter.N.Name</c>/<c>Filter.N.Value.M</c> for endpoint, opt-in-status and region-name (with * and ? wildcards),
/// and <c>DryRun</c>.
/// </summary>
public sealed class Ec2DescribeRegions(IReadOnlyList<Ec2RegionInfo> regions)
{
    private static readonly string[] FilterNames = ["endpoint", "opt-in-status", "region-name"];

    public IReadOnlyList<Ec2RegionInfo> Execute(IReadOnlyDictionary<string, string> parameters)
    {
        if (Flag(parameters, "DryRun"))
        {
            throw new Ec2ErrorException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }

        var names = Indexed(parameters, "RegionName.").ToList();
        var unknown = names.Where(name => regions.All(region => region.Name != name)).ToList();
        if (unknown.Count > 0)
        {
            throw Ec2Errors.InvalidParameterValue($"Invalid region(s): {string.Join(", ", unknown)}");
        }

        IEnumerable<Ec2RegionInfo> result = names.Count > 0
            ? regions.Where(region => names.Contains(region.Name))
            : regions.Where(region => Flag(parameters, "AllRegions") || region.IsEnabled);
        foreach (var (filterName, values) in Filters(parameters))
        {
            result = result.Where(region => values.Any(value => Wildcard(value).IsMatch(FilterValue(region, filterName)))).ToList();
        }

        return result.ToList();
    }

    private static bool Flag(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            ? true
            : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : throw Ec2Errors.InvalidParameterValue($"Invalid value '{value}' for {name}."));

    private static IEnumerable<string> Indexed(IReadOnlyDictionary<string, string> parameters, string prefix) =>
        parameters.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(pair.Key[prefix.Length..], out _))
            .OrderBy(pair => int.Parse(pair.Key[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(pair => pair.Value);

    private static IEnumerable<(string Name, List<string> Values)> Filters(IReadOnlyDictionary<string, string> parameters)
    {
        for (var n = 1; parameters.TryGetValue($"Filter.{n}.Name", out var name); n++)
        {
            if (!FilterNames.Contains(name))
            {
                throw Ec2Errors.InvalidParameterValue($"The filter '{name}' is invalid");
            }

            yield return (name, Indexed(parameters, $"Filter.{n}.Value.").ToList());
        }
    }

    private static string FilterValue(Ec2RegionInfo region, string filterName) => filterName switch
    {
        "endpoint" => region.Endpoint,
        "opt-in-status" => region.OptInStatus,
        _ => region.Name,
    };

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
}
