using System.Text.RegularExpressions;
using Amazon;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Where a region's GuardDuty calls go: the override URL when one is configured (the signing region stays the logical
/// region), else <c>https://guardduty[-fips].{region}.{partition DNS suffix}</c>, as GuardDuty's endpoint rule set builds
/// it. GovCloud's FIPS endpoint is its plain host (the rule set's test cases). The overrides come from the configuration
/// (app.config keys, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL); nothing here reads the environment.
/// </summary>
public static partial class GuardDutyEndpoint
{
    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)*-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    public static bool IsValidRegionName(string region) => RegionName().IsMatch(region);

    /// <summary>The GuardDuty base URL for <paramref name="region"/>.</summary>
    public static Uri ForGuardDuty(string region, GuardDutyClientOptions options) =>
        options.EndpointUrl ?? Standard("guardduty", region, options.UseFips);

    /// <summary><c>https://{service}[-fips].{region}.{dnsSuffix}</c>.</summary>
    public static Uri Standard(string service, string region, bool fips)
    {
        if (!IsValidRegionName(region)) throw new ArgumentException($"'{region}' is not a region name.", nameof(region));
        var endpoint = RegionEndpoint.GetBySystemName(region);
        var suffix = string.IsNullOrEmpty(endpoint.PartitionDnsSuffix) ? "amazonaws.com" : endpoint.PartitionDnsSuffix;
        var govCloud = endpoint.PartitionName == "aws-us-gov" || region.StartsWith("us-gov-", StringComparison.Ordinal);
        var prefix = fips && !govCloud ? $"{service}-fips" : service;
        return new Uri($"https://{prefix}.{region}.{suffix}");
    }
}
