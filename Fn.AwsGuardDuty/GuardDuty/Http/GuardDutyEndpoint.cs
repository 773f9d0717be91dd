using System.Text.RegularExpressions;
using Amazon;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Where a region's GuardDuty (and EC2) calls go: the override URL when one is configured (the signing region stays the
/// logical region), else <c>https://guardduty[-fips].{region}.{partition DNS suffix}</c>. GovCloud's FIPS endpoint is
/// its plain host (endpoint rule-set test cases).
/// </summary>
public static partial class GuardDutyEndpoint
{
    public const string GuardDutyEndpointVariable = "AWS_ENDPOINT_URL_GUARDDUTY";
    public const string Ec2EndpointVariable = "AWS_ENDPOINT_URL_EC2";

    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)*-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    public static bool IsValidRegionName(string region) => RegionName().IsMatch(region);

    /// <summary>The GuardDuty base URL for <paramref name="region"/>.</summary>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    public static Uri ForGuardDuty(string region, GuardDutyClientOptions options, Func<string, string?>? environment = null)
    {
        var overrideUrl = options.EndpointUrl ?? FromEnvironment(GuardDutyEndpointVariable, environment);
        if (overrideUrl is not null) return overrideUrl;
        return Standard("guardduty", region, options.UseFips);
    }

    /// <summary>The EC2 endpoint override (option, else AWS_ENDPOINT_URL_EC2), or null for the SDK's own resolution.</summary>
    public static Uri? Ec2Override(GuardDutyClientOptions options, Func<string, string?>? environment = null) =>
        options.Ec2EndpointUrl ?? FromEnvironment(Ec2EndpointVariable, environment);

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

    private static Uri? FromEnvironment(string variable, Func<string, string?>? environment)
    {
        var value = (environment ?? Environment.GetEnvironmentVariable)(variable);
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"{variable} must be an absolute http:// or https:// URL.");
    }
}
