using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>
/// What the emulated Vault holds: KV version 2 secrets per mount and path (every write a new version), and the tokens
/// logins issued. Tests seed secrets, delete or destroy the latest version, and revoke tokens here.
/// </summary>
public sealed class VaultEmulatorState(VaultEmulatorOptions options)
{
    private readonly ConcurrentDictionary<(string Mount, string Path), List<VaultSecretVersion>> _secrets = new();
    private readonly ConcurrentDictionary<string, (VaultAppRole Role, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private int _logins;
    private int _reads;

    public VaultEmulatorOptions Options { get; } = options;

    /// <summary>Successful AppRole logins so far.</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>KV reads answered so far (any status).</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Writes a new version of the secret at <paramref name="mount"/>/<paramref name="path"/>.</summary>
    public int Put(string mount, string path, IReadOnlyDictionary<string, string> data)
    {
        var versions = _secrets.GetOrAdd((mount, path.Trim('/')), _ => []);
        lock (versions)
        {
            versions.Add(new VaultSecretVersion(versions.Count + 1, new Dictionary<string, string>(data), Options.TimeProvider.GetUtcNow()));
            return versions.Count;
        }
    }

    /// <summary>Soft-deletes the latest version (<c>vault kv delete</c>).</summary>
    public void DeleteLatest(string mount, string path) => Latest(mount, path)?.Delete(Options.TimeProvider.GetUtcNow());

    /// <summary>Destroys the latest version's data (<c>vault kv destroy</c>).</summary>
    public void DestroyLatest(string mount, string path) => Latest(mount, path)?.Destroy();

    public void RevokeAllTokens() => _tokens.Clear();

    public VaultSecretVersion? Latest(string mount, string path)
    {
        if (!_secrets.TryGetValue((mount, path.Trim('/')), out var versions))
        {
            return null;
        }

        lock (versions)
        {
            return versions.Count == 0 ? null : versions[^1];
        }
    }

    internal VaultAppRole? FindRole(string roleId, string secretId) => Options.AppRoles.FirstOrDefault(r =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(r.RoleId), System.Text.Encoding.UTF8.GetBytes(roleId))
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(r.SecretId), System.Text.Encoding.UTF8.GetBytes(secretId)));

    internal string IssueToken(VaultAppRole role)
    {
        Interlocked.Increment(ref _logins);
        var token = "hvs." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'A').Replace('/', 'B');
        _tokens[token] = (role, Options.TimeProvider.GetUtcNow() + Options.TokenTtl);
        return token;
    }

    /// <summary>The role behind a live token, else null (unknown, revoked or expired).</summary>
    internal VaultAppRole? RoleOf(string? token) =>
        token is not null && _tokens.TryGetValue(token, out var entry) && entry.Expires > Options.TimeProvider.GetUtcNow() ? entry.Role : null;

    internal void CountRead() => Interlocked.Increment(ref _reads);
}
