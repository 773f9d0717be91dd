using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>
/// DescribeRegions (no parameters: only regions enabled for the account, as the reference) through AWSSDK.EC2 in the master
/// region, or at the EC2 override URL with the master region as signing region.
/// </summary>
public sealed class Ec2RegionLister : IRegionLister, IDisposable
{
    private readonly AmazonEC2Client _ec2;

    public Ec2RegionLister(GuardDutyClientOptions options, GuardDutyCredentials credentials, Uri? endpointOverride)
        : this(BuildConfig(options, endpointOverride), credentials)
    {
    }

    private Ec2RegionLister(AmazonEC2Config config, GuardDutyCredentials credentials) =>
        _ec2 = new AmazonEC2Client(credentials.Credentials, config);

    /// <summary>The client configuration: region, FIPS, endpoint override and the shared AWS settings.</summary>
    public static AmazonEC2Config BuildConfig(GuardDutyClientOptions options, Uri? endpointOverride)
    {
        var region = RegionEndpoint.GetBySystemName(options.MasterRegion.Trim());
        var config = new AmazonEC2Config
        {
            RegionEndpoint = region,
            UseFIPSEndpoint = options.UseFips && endpointOverride is null,
            Timeout = options.PerTryTimeout,
        };
        AwsSdkClientSettings.Apply(config, options);
        if (endpointOverride is not null)
        {
            config.ServiceURL = endpointOverride.ToString();
            config.AuthenticationRegion = region.SystemName;
        }
        return config;
    }

    public async Task<IReadOnlyList<string>> ListRegionNamesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), cancellationToken).ConfigureAwait(false);
            return (response.Regions ?? []).Select(r => r.RegionName).Where(n => !string.IsNullOrWhiteSpace(n))
                .Distinct(StringComparer.Ordinal).ToList();
        }
        catch (AmazonServiceException e)
        {
            throw new GuardDutyException($"EC2 DescribeRegions failed: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
        catch (AmazonClientException e)
        {
            throw new GuardDutyException($"EC2 DescribeRegions failed: {e.Message}", e);
        }
    }

    public void Dispose() => _ec2.Dispose();
}
