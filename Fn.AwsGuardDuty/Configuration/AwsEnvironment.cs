using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The AWS SDKs' shared environment variables, read once at configuration load (see <see cref="AwsEnvironmentReader"/>).
/// Each value is null when its variable is not set. app.config keys win over these; these win over nothing else.
/// </summary>
public sealed record AwsEnvironment
{
    /// <summary><c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c> (lower case).</summary>
    public string? Region { get; init; }

    /// <summary><c>AWS_ENDPOINT_URL</c>: the endpoint of every service that has no service-specific one.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary><c>AWS_ENDPOINT_URL_GUARDDUTY</c>, <c>_EC2</c>, <c>_STS</c>, <c>_SQS</c>.</summary>
    public IReadOnlyDictionary<AwsService, Uri> ServiceEndpointUrls { get; init; } = new Dictionary<AwsService, Uri>();

    /// <summary><c>AWS_USE_FIPS_ENDPOINT</c>.</summary>
    public bool? UseFipsEndpoint { get; init; }

    /// <summary><c>AWS_CA_BUNDLE</c>, read and parsed at load.</summary>
    public CaBundle? CaBundle { get; init; }

    /// <summary><c>AWS_MAX_ATTEMPTS</c>: attempts per call, the first one included.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary><c>AWS_RETRY_MODE</c>.</summary>
    public AwsRetryMode? RetryMode { get; init; }

    /// <summary>The service-specific endpoint variable when set, else <c>AWS_ENDPOINT_URL</c>, else null.</summary>
    public Uri? EndpointFor(AwsService service) => ServiceEndpointUrls.GetValueOrDefault(service) ?? EndpointUrl;
}
