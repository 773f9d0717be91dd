using System.Security.Cryptography.X509Certificates;

namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>How a <see cref="VaultEmulator"/> starts.</summary>
public sealed class VaultEmulatorOptions
{
    /// <summary>AppRoles that may log in.</summary>
    public List<VaultAppRole> AppRoles { get; init; } = [];

    /// <summary>KV version 2 engines, by mount path (Vault's dev server mounts one at <c>secret</c>).</summary>
    public List<string> KvMounts { get; init; } = ["secret"];

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with this certificate (with private key) instead of HTTP.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>A login token's lease_duration (AppRole's default token_ttl follows the system default, 768 h).</summary>
    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromHours(768);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate()
    {
        if (AppRoles.Count == 0)
        {
            throw new ArgumentException("VaultEmulatorOptions.AppRoles needs at least one role.");
        }

        if (KvMounts.Count == 0 || KvMounts.Any(m => m.Length == 0 || m.Contains('/')))
        {
            throw new ArgumentException("VaultEmulatorOptions.KvMounts needs one or more single-segment mount paths.");
        }
    }
}
