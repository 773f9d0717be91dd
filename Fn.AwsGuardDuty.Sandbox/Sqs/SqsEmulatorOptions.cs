using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>How an <see cref="SqsEmulator"/> starts. Validated up front by <see cref="Validate"/>.</summary>
public sealed class SqsEmulatorOptions
{
    /// <summary>Access keys it accepts; each maps to an account, whose queues are kept apart.</summary>
    public List<AwsCredential> Credentials { get; init; } = [];

    /// <summary>Regions a credential scope may name; queues live per region.</summary>
    public List<string> Regions { get; init; } = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with this certificate (with private key) instead of HTTP.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>SQS takes at most 1 MiB of message; the request around a batch of them is allowed some more.</summary>
    public long MaxRequestBodyBytes { get; init; } = 2 * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public void Validate()
    {
        if (Credentials.Count == 0)
        {
            throw new ArgumentException("SqsEmulatorOptions.Credentials needs at least one access key.");
        }

        _ = new AwsCredentialStore(Credentials);
        if (Regions.Count == 0 || Regions.Distinct(StringComparer.Ordinal).Count() != Regions.Count)
        {
            throw new ArgumentException("SqsEmulatorOptions.Regions must list at least one region, each once.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"SqsEmulatorOptions.Port {Port} is not a TCP port.");
        }

        if (ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("SqsEmulatorOptions.ServerCertificate must carry its private key.");
        }

        if (MaxClockSkew <= TimeSpan.Zero || MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("SqsEmulatorOptions: MaxClockSkew and MaxRequestBodyBytes must be positive.");
        }
    }
}
