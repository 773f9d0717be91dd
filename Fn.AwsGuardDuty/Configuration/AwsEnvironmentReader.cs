using System.Globalization;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Reads the AWS SDKs' shared environment variables (AWS SDKs and Tools reference guide: "Environment variables",
/// "Service-specific endpoints", "Retry behavior", "FIPS endpoints", "ca_bundle") into an <see cref="AwsEnvironment"/>.
/// A value that is set but wrong is a <see cref="ConfigProblem"/> naming the variable (exit 2), never silently ignored.
/// </summary>
public static class AwsEnvironmentReader
{
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    public const string UseFipsVariable = "AWS_USE_FIPS_ENDPOINT";
    public const string CaBundleVariable = "AWS_CA_BUNDLE";
    public const string MaxAttemptsVariable = "AWS_MAX_ATTEMPTS";
    public const string RetryModeVariable = "AWS_RETRY_MODE";

    /// <summary>Highest AWS_MAX_ATTEMPTS accepted (the GuardDuty transport's limit).</summary>
    public const int MaxAttemptsLimit = 20;

    public static string EndpointVariable(AwsService service) => service switch
    {
        AwsService.GuardDuty => "AWS_ENDPOINT_URL_GUARDDUTY",
        AwsService.Ec2 => "AWS_ENDPOINT_URL_EC2",
        AwsService.Sts => "AWS_ENDPOINT_URL_STS",
        AwsService.Sqs => "AWS_ENDPOINT_URL_SQS",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    public static AwsEnvironment Read(AppEnvironment environment, List<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        var region = ReadRegion(environment, problems);
        var ignoreEndpoints = Bool(environment, IgnoreEndpointsVariable, problems) ?? false;
        var services = new Dictionary<AwsService, Uri>();
        Uri? global = null;
        if (!ignoreEndpoints)
        {
            global = Url(environment, GlobalEndpointVariable, problems);
            foreach (var service in Enum.GetValues<AwsService>())
            {
                if (Url(environment, EndpointVariable(service), problems) is { } url)
                {
                    services[service] = url;
                }
            }
        }

        return new AwsEnvironment
        {
            Region = region,
            EndpointUrl = global,
            ServiceEndpointUrls = services,
            UseFipsEndpoint = Bool(environment, UseFipsVariable, problems),
            CaBundle = ReadCaBundle(environment, problems),
            MaxAttempts = ReadMaxAttempts(environment, problems),
            RetryMode = ReadRetryMode(environment, problems),
        };
    }

    private static string? ReadRegion(AppEnvironment environment, List<ConfigProblem> problems)
    {
        // AWS_REGION wins over AWS_DEFAULT_REGION (the SDKs' order); the older name is what the AWS CLI v1 reads.
        foreach (var variable in new[] { RegionVariable, DefaultRegionVariable })
        {
            if (environment.Get(variable)?.Trim() is not { Length: > 0 } text)
            {
                continue;
            }

            var region = text.ToLowerInvariant();
            if (!RegionFilter.RegionName().IsMatch(region))
            {
                problems.Add(Problem(variable, $"'{text}' is not a region name such as us-east-1"));
                return null;
            }

            return region;
        }

        return null;
    }

    private static Uri? Url(AppEnvironment environment, string variable, List<ConfigProblem> problems)
    {
        if (environment.Get(variable)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
        {
            return uri;
        }

        problems.Add(Problem(variable, $"'{text}' is not an absolute http:// or https:// URL"));
        return null;
    }

    private static bool? Bool(AppEnvironment environment, string variable, List<ConfigProblem> problems)
    {
        if (environment.Get(variable)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        // The SDKs take true/false (case-insensitive); anything else is refused rather than read as false.
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        problems.Add(Problem(variable, $"'{text}' must be true or false"));
        return null;
    }

    private static CaBundle? ReadCaBundle(AppEnvironment environment, List<ConfigProblem> problems)
    {
        if (environment.Get(CaBundleVariable)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        var path = Path.GetFullPath(text, environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            problems.Add(Problem(CaBundleVariable, $"file not found: {path} (a PEM bundle of the CA certificates to trust for AWS)"));
            return null;
        }

        try
        {
            return CaBundle.Load(path);
        }
        catch (CaBundleException e)
        {
            problems.Add(Problem(CaBundleVariable, e.Message));
            return null;
        }
    }

    private static int? ReadMaxAttempts(AppEnvironment environment, List<ConfigProblem> problems)
    {
        if (environment.Get(MaxAttemptsVariable)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts is >= 1 and <= MaxAttemptsLimit)
        {
            return attempts;
        }

        problems.Add(Problem(MaxAttemptsVariable, $"'{text}' must be a whole number of attempts from 1 to {MaxAttemptsLimit} (the first attempt included)"));
        return null;
    }

    private static AwsRetryMode? ReadRetryMode(AppEnvironment environment, List<ConfigProblem> problems)
    {
        if (environment.Get(RetryModeVariable)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "legacy":
                return AwsRetryMode.Legacy;
            case "standard":
                return AwsRetryMode.Standard;
            case "adaptive":
                return AwsRetryMode.Adaptive;
            default:
                problems.Add(Problem(RetryModeVariable, $"'{text}' must be legacy, standard or adaptive"));
                return null;
        }
    }

    private static ConfigProblem Problem(string variable, string message) =>
        new(null, variable, $"(environment variable) {message}");
}
