namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// <c>^ref</c> (the whole value) and <c>^{ref}</c> (anywhere, several allowed) PAM references in app.config, resolved once
/// at load as IBM's AppConfigManager does through its PAM plugin. Only <c>HashiCorpVault</c> is implemented
/// (<see cref="HashiCorpVaultResolver"/>); a reference for another plugin, or with none configured, is an error naming the
/// key and the plugin (exit 2) rather than the literal text sent to SOAR or AWS as a password.
/// Which values are references, in our sections ([resilient], [fn_aws_guardduty], [integrations]; other apps' sections
/// are theirs): IBM resolves <c>^</c> in every key once a plugin is configured, so do we, except keys whose values are
/// regular expressions (<c>aws_gd_regions = ^us-</c> is an anchor, never a reference). With no plugin configured (App Host
/// without PAM_TYPE, or an integration server's implicit Keyring) only secret keys are checked and other keys keep a
/// leading <c>^</c> as written. Resolved values join the redaction list; no value or reference result is ever shown.
/// Run after <c>$</c> substitution (pam_type may be <c>$NAME</c>).
/// </summary>
public static class PamReferences
{
    private static readonly string[] OurSections = [ConfigSections.Resilient, ConfigSections.GuardDuty, ConfigSections.Integrations];

    public static bool IsReference(string value)
    {
        var trimmed = value.Trim();
        return trimmed.StartsWith('^') || trimmed.Contains("^{", StringComparison.Ordinal);
    }

    public static void Resolve(IniDocument document, AppEnvironment environment, List<ConfigProblem> problems, List<string> protectedValues)
    {
        var secrets = new ProtectedSecretSource(environment);
        var (plugin, pluginProblem) = PamPlugin.Choose(document, environment, secrets);
        var references = OurSections
            .Select(document.FindSection)
            .OfType<IniSection>()
            .SelectMany(section => section.Entries
                .Where(e => IsReference(e.Value) && !IsRegularExpression(section.Name, e.Key)
                            && (plugin.Explicit || SecretKeyNames.IsSecret(e.Key)))
                .Select(e => (Section: section, Entry: e)))
            .ToList();
        if (references.Count == 0)
        {
            return;
        }

        if (pluginProblem is not null)
        {
            problems.Add(new ConfigProblem(ConfigSections.Resilient, PamPlugin.PamTypeKey, $"{PamPlugin.PamTypeSecret}: {pluginProblem}"));
            return;
        }

        if (!plugin.IsSupported)
        {
            foreach (var (section, entry) in references)
            {
                problems.Add(new ConfigProblem(section.Name, entry.Key, Unsupported(plugin)));
            }

            return;
        }

        using var vault = new HashiCorpVaultResolver(secrets);
        foreach (var (section, entry) in references)
        {
            var (value, problem) = Substitute(entry.Value.Trim(), vault, protectedValues);
            if (problem is not null)
            {
                problems.Add(new ConfigProblem(section.Name, entry.Key, $"the PAM reference (^…) cannot be resolved through {PamPlugin.HashiCorpVault}: {problem}"));
            }
            else
            {
                section.Replace(entry with { Value = value! });
            }
        }
    }

    private static (string? Value, string? Problem) Substitute(string value, HashiCorpVaultResolver vault, List<string> protectedValues)
    {
        if (!value.Contains("^{", StringComparison.Ordinal))
        {
            return Found(vault.Resolve(value[1..]), protectedValues);
        }

        var result = new System.Text.StringBuilder(value.Length);
        var at = 0;
        while (value.IndexOf("^{", at, StringComparison.Ordinal) is var start and >= 0)
        {
            var close = value.IndexOf('}', start + 2);
            if (close < 0)
            {
                return (null, "a ^{ has no closing }");
            }

            var (found, problem) = Found(vault.Resolve(value[(start + 2)..close]), protectedValues);
            if (problem is not null)
            {
                return (null, problem);
            }

            result.Append(value, at, start - at).Append(found);
            at = close + 1;
        }

        return (result.Append(value, at, value.Length - at).ToString(), null);
    }

    private static (string? Value, string? Problem) Found((string? Value, string? Problem) resolved, List<string> protectedValues)
    {
        if (resolved.Value is not null)
        {
            protectedValues.Add(resolved.Value);
        }

        return resolved;
    }

    private static bool IsRegularExpression(string section, string key) =>
        ConfigKeyCatalog.Find(section, key)?.Type.Contains("regex", StringComparison.Ordinal) == true;

    private static string Unsupported(PamPlugin plugin) => plugin.Name switch
    {
        null => "is a PAM reference (^…) but no PAM plugin is configured (the PAM_TYPE protected secret or environment variable, " +
                $"or pam_type in [resilient]; this app supports {PamPlugin.HashiCorpVault}); App Host protected secrets are referenced as $NAME",
        var name when PamPlugin.IbmPluginTypes.Contains(name, StringComparer.Ordinal) =>
            $"is a PAM reference (^…) for the {name} plugin, which this app does not support (only {PamPlugin.HashiCorpVault}); " +
            "use HashiCorpVault, an App Host protected secret ($NAME) or an environment variable ($NAME)",
        var name => $"is a PAM reference (^…) but pam_type '{name}' is not a PAM plugin (IBM's: {string.Join(", ", PamPlugin.IbmPluginTypes)}; " +
                    $"this app supports {PamPlugin.HashiCorpVault})",
    };
}
