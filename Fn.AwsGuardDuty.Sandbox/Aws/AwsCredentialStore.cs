namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>The access keys an emulator knows, looked up by access key id (case-sensitive, as AWS does).</summary>
public sealed class AwsCredentialStore
{
    private readonly Dictionary<string, AwsCredential> byAccessKey;

    public AwsCredentialStore(IEnumerable<AwsCredential> credentials)
    {
        byAccessKey = new Dictionary<string, AwsCredential>(StringComparer.Ordinal);
        foreach (var credential in credentials)
        {
            if (!byAccessKey.TryAdd(credential.AccessKeyId, credential))
            {
                throw new ArgumentException($"Access key {credential.AccessKeyId} is configured twice.", nameof(credentials));
            }
        }
    }

    public IReadOnlyCollection<AwsCredential> All => byAccessKey.Values;

    public bool TryGet(string accessKeyId, out AwsCredential credential) =>
        byAccessKey.TryGetValue(accessKeyId, out credential!);
}
