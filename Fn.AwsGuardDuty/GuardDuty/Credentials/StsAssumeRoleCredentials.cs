using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.GuardDuty.Credentials;

/// <summary>
/// Credentials of an assumed role. AWSSDK.Core's own AssumeRoleAWSCredentials builds its STS client internally and
/// offers no endpoint override, so this one owns an <see cref="AmazonSecurityTokenServiceClient"/> whose endpoint,
/// FIPS use and proxy follow our options. The base class renews the credentials in the background once they are
/// within <see cref="GuardDutyClientOptions.RoleRefreshBeforeExpiry"/> of expiring, and synchronously once expired.
/// </summary>
public sealed class StsAssumeRoleCredentials : RefreshingAWSCredentials
{
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly GuardDutyClientOptions _options;
    private readonly ILogger _logger;

    public StsAssumeRoleCredentials(AWSCredentials source, GuardDutyClientOptions options, ILogger<StsAssumeRoleCredentials> logger)
    {
        _options = options;
        _logger = logger;
        PreemptExpiryTime = options.RoleRefreshBeforeExpiry;
        _sts = new AmazonSecurityTokenServiceClient(source, BuildConfig(options));
    }

    /// <summary>Number of AssumeRole calls that returned credentials.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    private int _renewals;

    internal static AmazonSecurityTokenServiceConfig BuildConfig(GuardDutyClientOptions options)
    {
        var region = RegionEndpoint.GetBySystemName(options.MasterRegion.Trim());
        var config = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = region,
            UseFIPSEndpoint = options.UseFips && options.StsEndpointUrl is null,
            Timeout = options.PerTryTimeout,
        };
        AwsSdkClientSettings.Apply(config, options);
        if (options.StsEndpointUrl is not null)
        {
            config.ServiceURL = options.StsEndpointUrl.ToString();
            config.AuthenticationRegion = region.SystemName;
        }
        return config;
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        // The v4 STS client is async-only on .NET; this path is only taken by synchronous signers.
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = _options.RoleArn!.Trim(),
            RoleSessionName = _options.RoleSessionName.Trim(),
            DurationSeconds = (int)_options.RoleSessionDuration.TotalSeconds,
        };
        if (!string.IsNullOrWhiteSpace(_options.RoleExternalId)) request.ExternalId = _options.RoleExternalId.Trim();

        AssumeRoleResponse response;
        try
        {
            response = await _sts.AssumeRoleAsync(request).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            _logger.LogError("AssumeRole {RoleArn} refused: {Status} {Code}: {Message}",
                request.RoleArn, (int)e.StatusCode, e.ErrorCode, e.Message);
            throw new GuardDutyCredentialsException(
                $"AssumeRole {request.RoleArn} failed: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
        catch (AmazonClientException e)
        {
            _logger.LogError("AssumeRole {RoleArn} failed: {Error}", request.RoleArn, e.Message);
            throw new GuardDutyCredentialsException($"AssumeRole {request.RoleArn} failed: {e.Message}", e);
        }

        var c = response.Credentials ?? throw new GuardDutyCredentialsException($"AssumeRole {request.RoleArn} returned no credentials.");
        var expiry = (c.Expiration ?? DateTime.UtcNow.Add(_options.RoleSessionDuration)).ToUniversalTime();
        Interlocked.Increment(ref _renewals);
        _logger.LogInformation("Assumed role {RoleArn} (session {Session}); credentials expire at {Expiry:o}",
            request.RoleArn, request.RoleSessionName, expiry);
        return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiry);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _sts.Dispose();
        base.Dispose(disposing);
    }
}
