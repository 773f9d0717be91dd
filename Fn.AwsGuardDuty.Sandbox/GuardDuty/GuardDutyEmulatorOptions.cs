using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Ec2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>How a <see cref="GuardDutyEmulator"/> starts. Validated up front by <see cref="Validate"/>.</summary>
public sealed class GuardDutyEmulatorOptions
{
    /// <summary>Access keys it accepts; each maps to an account, whose state is kept apart.</summary>
    public List<AwsCredential> Credentials { get; init; } = [];

    /// <summary>The regions EC2 DescribeRegions reports; a credential scope naming another region is refused.</summary>
    public List<Ec2RegionInfo> Regions { get; init; } = Ec2DefaultRegions.Create();

    /// <summary>Loopback port; 0 picks a free one (read it back from <see cref="GuardDutyEmulator.Endpoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with this certificate (with private key) instead of HTTP.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>How far X-Amz-Date may be from the emulator's clock (AWS: 15 minutes).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Trusted IP lists per detector (AWS quota: 1) [inferred from the quota page, configurable].</summary>
    public int MaxIpSetsPerDetector { get; init; } = 1;

    /// <summary>Threat lists per detector (AWS quota: 6).</summary>
    public int MaxThreatIntelSetsPerDetector { get; init; } = 6;

    /// <summary>Extra finding paths accepted as criterion fields beyond the documented ones.</summary>
    public List<string> AdditionalCriterionFields { get; init; } = [];

    /// <summary>Seed for CreateSampleFindings' generator, so sample findings are reproducible.</summary>
    public int SampleFindingSeed { get; init; } = 1;

    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public void Validate()
    {
        if (Credentials.Count == 0)
        {
            throw new ArgumentException("GuardDutyEmulatorOptions.Credentials needs at least one access key.");
        }

        _ = new AwsCredentialStore(Credentials);
        if (Regions.Count == 0 || Regions.Select(region => region.Name).Distinct(StringComparer.Ordinal).Count() != Regions.Count)
        {
            throw new ArgumentException("GuardDutyEmulatorOptions.Regions must list at least one region, each once.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"GuardDutyEmulatorOptions.Port {Port} is not a TCP port.");
        }

        if (ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("GuardDutyEmulatorOptions.ServerCertificate must carry its private key.");
        }

        if (MaxClockSkew <= TimeSpan.Zero || MaxIpSetsPerDetector < 1 || MaxThreatIntelSetsPerDetector < 1 || MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("GuardDutyEmulatorOptions: MaxClockSkew, the set limits and MaxRequestBodyBytes must be positive.");
        }
    }
}
