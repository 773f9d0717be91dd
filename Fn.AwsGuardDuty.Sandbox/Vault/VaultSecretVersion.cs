namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>One version of a KV version 2 secret: its key/value pairs and metadata (soft-deleted, destroyed).</summary>
public sealed class VaultSecretVersion(int version, IReadOnlyDictionary<string, string> data, DateTimeOffset created)
{
    public int Version { get; } = version;

    /// <summary>Null once destroyed (the data is gone for good).</summary>
    public IReadOnlyDictionary<string, string>? Data { get; private set; } = data;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset? Deleted { get; private set; }

    public bool Destroyed { get; private set; }

    public void Delete(DateTimeOffset when) => Deleted ??= when;

    public void Destroy()
    {
        Destroyed = true;
        Data = null;
    }
}
