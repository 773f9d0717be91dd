using System.Text.Json.Nodes;

namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// Resolves <c>^engine.path.key</c> references through HashiCorp Vault, as IBM's HashiCorpVault plugin does: one AppRole
/// login, then one KV version 2 read per secret (several keys of one secret cost one read). A failure is remembered, so a
/// Vault that is down is asked once, not once per key.
/// </summary>
public sealed class HashiCorpVaultResolver : IDisposable
{
    private readonly Lazy<(VaultHttpClient? Client, string? Token, string? Problem)> _session;
    private readonly Dictionary<string, (JsonObject? Values, string? Problem)> _secrets = new(StringComparer.Ordinal);

    public HashiCorpVaultResolver(ProtectedSecretSource secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _session = new Lazy<(VaultHttpClient?, string?, string?)>(() => LogIn(secrets));
    }

    /// <summary>The value of <paramref name="text"/> (a reference without its <c>^</c>), or why it cannot be had.</summary>
    public (string? Value, string? Problem) Resolve(string text)
    {
        if (!VaultReference.TryParse(text, out var reference))
        {
            return (null, $"is not a HashiCorpVault reference ({VaultReference.Format})");
        }

        var (client, token, loginProblem) = _session.Value;
        if (loginProblem is not null)
        {
            return (null, loginProblem);
        }

        if (!_secrets.TryGetValue(reference.Location, out var secret))
        {
            try
            {
                secret = (client!.Read(reference, token!), null);
            }
            catch (VaultException e)
            {
                secret = (null, e.Message);
            }

            _secrets[reference.Location] = secret;
        }

        if (secret.Problem is not null)
        {
            return (null, secret.Problem);
        }

        return secret.Values![reference.Key] switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) && s.Length > 0 => (s, null),
            JsonValue value when value.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True
                or System.Text.Json.JsonValueKind.False => (value.ToJsonString(), null),
            null when !secret.Values.ContainsKey(reference.Key) => (null, $"the Vault secret {reference.Location} has no key '{reference.Key}'"),
            _ => (null, $"the Vault secret {reference.Location} holds no text under '{reference.Key}' (empty, null or not a string)"),
        };
    }

    public void Dispose()
    {
        if (_session.IsValueCreated)
        {
            _session.Value.Client?.Dispose();
        }
    }

    private static (VaultHttpClient?, string?, string?) LogIn(ProtectedSecretSource secrets)
    {
        VaultHttpClient? client = null;
        try
        {
            client = new VaultHttpClient(VaultSettings.Read(secrets));
            return (client, client.Login(), null);
        }
        catch (VaultException e)
        {
            return (client, null, e.Message);
        }
    }
}
