namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// The HashiCorpVault plugin's settings, named as IBM's plugin names them and read through the protected secrets (App Host
/// secret files, else environment variables): the Vault address, the AppRole role_id (PAM_APP_ID) and secret_id, and
/// whether to verify the server's certificate.
/// </summary>
public sealed record VaultSettings(Uri Address, string RoleId, string SecretId, VaultVerification Verification)
{
    public const string AddressName = "PAM_ADDRESS";
    public const string AppIdName = "PAM_APP_ID";
    public const string SecretIdName = "PAM_SECRET_ID";
    public const string VerifyServerCert = "PAM_VERIFY_SERVER_CERT";

    /// <summary>Reads and checks the settings; throws <see cref="VaultException"/> naming what is missing or wrong.</summary>
    public static VaultSettings Read(ProtectedSecretSource secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var values = new Dictionary<string, string?>();
        var problems = new List<string>();
        foreach (var name in new[] { AddressName, AppIdName, SecretIdName, VerifyServerCert })
        {
            var (value, problem) = secrets.Get(name);
            if (problem is not null)
            {
                problems.Add(problem);
            }

            values[name] = value?.Trim();
        }

        if (problems.Count > 0)
        {
            throw new VaultException(string.Join("; ", problems));
        }

        var missing = new[] { AddressName, AppIdName, SecretIdName }.Where(n => string.IsNullOrEmpty(values[n])).ToList();
        if (missing.Count > 0)
        {
            throw new VaultException($"the HashiCorpVault plugin needs {string.Join(", ", missing)} (App Host protected secrets or environment variables)");
        }

        if (!Uri.TryCreate(values[AddressName], UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(address.Query))
        {
            throw new VaultException($"{AddressName} is not an http(s) URL such as https://vault.example.com:8200");
        }

        // IBM joins v1/... onto the address: a path in the address is kept as a prefix.
        if (!address.AbsolutePath.EndsWith('/'))
        {
            address = new Uri(address.GetLeftPart(UriPartial.Path) + "/");
        }

        return new VaultSettings(address, values[AppIdName]!, values[SecretIdName]!, VaultVerification.Parse(values[VerifyServerCert]));
    }
}
