namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// <c>^NAME</c> and <c>^{NAME}</c> values. In IBM's resilient library (resilient/app_config.py AppConfigManager) these go
/// to a PAM plugin of resilient-app-config-plugins, chosen by the protected secret or environment variable
/// <c>PAM_TYPE</c>, else <c>pam_type</c> in <c>[resilient]</c>; on an integration server the default is <c>Keyring</c>,
/// on App Host there is none (and a <c>^</c> value would then be used as written). IBM's plugins (Keyring, HashiCorpVault,
/// CyberArk) all fetch from a system outside this app, which this app does not implement; so a <c>^</c> reference in a
/// secret key (password, api_key_secret, aws_gd_secret_access_key…) of a section this app reads is an error naming the key
/// and the plugin (exit 2) rather than a literal password sent to SOAR or AWS. The reference itself is never shown. Other
/// keys keep a leading <c>^</c> as written (IBM keeps the text when the plugin finds nothing; regular expressions such as
/// <c>aws_gd_regions = ^us-</c> start with it), and other apps' sections are left alone.
/// </summary>
public static class PamReferences
{
    public const string PamTypeKey = "pam_type";
    public const string PamTypeSecret = "PAM_TYPE";
    public const string DefaultIntegrationServerPlugin = "Keyring";

    /// <summary>The plugin types IBM's resilient-app-config-plugins package provides.</summary>
    public static readonly IReadOnlyList<string> IbmPluginTypes = ["Keyring", "HashiCorpVault", "CyberArk"];

    private static readonly string[] OurSections = [ConfigSections.Resilient, ConfigSections.GuardDuty, ConfigSections.Integrations];

    public static bool IsReference(string value)
    {
        var trimmed = value.Trim();
        return trimmed.StartsWith('^') || trimmed.Contains("^{", StringComparison.Ordinal);
    }

    /// <summary>Adds one problem per <c>^</c> value of a secret key in our sections. Call after <c>$</c> substitution (pam_type may be <c>$VAR</c>).</summary>
    public static void Check(IniDocument document, AppEnvironment environment, List<ConfigProblem> problems)
    {
        var references = OurSections
            .Select(document.FindSection)
            .OfType<IniSection>()
            .SelectMany(section => section.Entries.Where(e => SecretKeyNames.IsSecret(e.Key) && IsReference(e.Value)).Select(e => (Section: section.Name, e.Key)))
            .ToList();
        if (references.Count == 0)
        {
            return;
        }

        var pamType = PluginType(document, environment);
        foreach (var (section, key) in references)
        {
            var message = pamType switch
            {
                null => "is a PAM reference (^…) but no PAM plugin is configured (pam_type in [resilient], or the PAM_TYPE secret); " +
                        "App Host protected secrets are referenced as $NAME",
                _ when IbmPluginTypes.Contains(pamType, StringComparer.Ordinal) =>
                    $"is a PAM reference (^…) for the {pamType} plugin, which this app does not support; " +
                    "use an App Host protected secret ($NAME) or an environment variable ($NAME)",
                _ => $"is a PAM reference (^…) but pam_type '{pamType}' is not a PAM plugin (IBM's: {string.Join(", ", IbmPluginTypes)})",
            };
            problems.Add(new ConfigProblem(section, key, message));
        }
    }

    private static string? PluginType(IniDocument document, AppEnvironment environment)
    {
        var appHost = AppHostSecrets.For(environment);
        var fromSecret = appHost?.Find(PamTypeSecret).Value ?? environment.Get(PamTypeSecret);
        if (fromSecret?.Trim() is { Length: > 0 } secret)
        {
            return secret;
        }

        if (document.Get(ConfigSections.Resilient, PamTypeKey)?.Trim() is { Length: > 0 } configured)
        {
            return configured;
        }

        return appHost is null ? DefaultIntegrationServerPlugin : null;
    }
}
