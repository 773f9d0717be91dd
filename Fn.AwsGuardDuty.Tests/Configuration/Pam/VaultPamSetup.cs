using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Configuration.Pam;
using Fn.AwsGuardDuty.Sandbox.Vault;

namespace Fn.AwsGuardDuty.Tests.Configuration.Pam;

/// <summary>
/// An App Host deployment using the HashiCorpVault PAM plugin: APP_HOST_CONTAINER on, and PAM_TYPE, PAM_ADDRESS,
/// PAM_APP_ID and PAM_SECRET_ID as protected secrets (JWE files in the secrets folder), pointing at a Vault emulator.
/// </summary>
internal static class VaultPamSetup
{
    public const string RoleId = "8f1a2b3c-role-fn-aws-guardduty";
    public const string SecretId = "6d7e8f90-secret-id-value-4711";

    public static VaultAppRole Role => new(RoleId, SecretId);

    public static AppHostSecretsFolder LayOut(TestConfigFiles files, VaultEmulator vault, string? verifyServerCert = null)
    {
        var secrets = new AppHostSecretsFolder(Path.Combine(files.Directory, "etc-secrets"));
        secrets.Add(PamPlugin.PamTypeSecret, PamPlugin.HashiCorpVault);
        secrets.Add(VaultSettings.AddressName, vault.Address.ToString());
        secrets.Add(VaultSettings.AppIdName, RoleId);
        secrets.Add(VaultSettings.SecretIdName, SecretId);
        if (verifyServerCert is not null)
        {
            secrets.Add(VaultSettings.VerifyServerCert, verifyServerCert);
        }

        files.SecretsDirectory = secrets.Directory;
        files.Variables[AppHostSecrets.ContainerVariable] = "1";
        return secrets;
    }
}
