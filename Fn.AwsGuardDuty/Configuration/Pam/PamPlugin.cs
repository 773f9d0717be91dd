namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// Which PAM plugin resolves <c>^</c> references, chosen as IBM's resilient library does (helpers.get_pam_type_name and
/// resilient-circuits' option defaults): the protected secret or environment variable <c>PAM_TYPE</c>, else
/// <c>pam_type</c> in <c>[resilient]</c> (which may itself be <c>$NAME</c>), else <c>Keyring</c> on an integration server
/// and none on App Host.
/// </summary>
/// <param name="Name">The plugin's class name, or null when none is configured.</param>
/// <param name="Explicit">True when PAM_TYPE or pam_type named it (not the integration server's default).</param>
public sealed record PamPlugin(string? Name, bool Explicit)
{
    public const string PamTypeKey = "pam_type";
    public const string PamTypeSecret = "PAM_TYPE";
    public const string HashiCorpVault = "HashiCorpVault";
    public const string DefaultIntegrationServerPlugin = "Keyring";

    /// <summary>The plugin types IBM's resilient-app-config-plugins package provides (class names, case-sensitive as IBM loads them).</summary>
    public static readonly IReadOnlyList<string> IbmPluginTypes = ["Keyring", HashiCorpVault, "Cyberark", "IBMVerifyVault"];

    public bool IsSupported => Name == HashiCorpVault;

    /// <summary>The plugin, or the reason PAM_TYPE cannot be read (a broken App Host secret file).</summary>
    public static (PamPlugin Plugin, string? Problem) Choose(IniDocument document, AppEnvironment environment, ProtectedSecretSource secrets)
    {
        var (fromSecret, problem) = secrets.Get(PamTypeSecret);
        if (problem is not null)
        {
            return (new PamPlugin(null, true), problem);
        }

        if (fromSecret?.Trim() is { Length: > 0 } secret)
        {
            return (new PamPlugin(secret, true), null);
        }

        if (document.Get(ConfigSections.Resilient, PamTypeKey)?.Trim() is { Length: > 0 } configured)
        {
            return (new PamPlugin(configured, true), null);
        }

        return (new PamPlugin(AppHostSecrets.IsAppHost(environment) ? null : DefaultIntegrationServerPlugin, false), null);
    }
}
