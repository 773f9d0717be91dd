using Fn.AwsGuardDuty.Configuration.Pam;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The entry point of configuration: finds, parses, substitutes, binds and validates app.config.
/// Any problem throws a <see cref="ConfigurationException"/> whose message is the one line to print.
/// </summary>
public static class AppConfigLoader
{
    private const int MinimumRedactedLength = 3;

    /// <summary>Locates app.config (see <see cref="ConfigFileLocator"/>) and loads it.</summary>
    public static AppConfig Load(string? explicitPath, AppEnvironment environment) =>
        LoadFile(ConfigFileLocator.Locate(explicitPath, environment), environment);

    public static AppConfig LoadFile(string path, AppEnvironment environment)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(new ConfigProblem(null, null, $"cannot read {path}: {e.Message}"));
        }

        return Load(IniFileReader.Read(bytes), Path.GetFullPath(path), environment);
    }

    /// <summary>Loads from text; relative paths in it resolve against the folder of <paramref name="path"/>.</summary>
    public static AppConfig LoadText(string text, string path, AppEnvironment environment) =>
        Load(IniFileReader.Read(text), Path.GetFullPath(path, environment.CurrentDirectory), environment);

    private static AppConfig Load(IniDocument document, string path, AppEnvironment environment)
    {
        var problems = new List<ConfigProblem>();
        var warnings = new List<string>();
        var directory = Path.GetDirectoryName(path)!;

        var protectedValues = new List<string>();
        EnvironmentSubstitution.Apply(document, environment, problems, warnings, protectedValues);
        PamReferences.Resolve(document, environment, problems, protectedValues);
        var aws = AwsEnvironmentReader.Read(environment, problems);

        SectionReader Reader(string section) => new(document, section, environment, directory, problems);
        var integrations = IntegrationsOptionsReader.Read(Reader(ConfigSections.Integrations));
        var guardDutyReader = Reader(ConfigSections.GuardDuty);
        var resilient = ResilientOptionsReader.Read(Reader(ConfigSections.Resilient), guardDutyReader, integrations);
        var guardDuty = GuardDutyOptionsReader.Read(guardDutyReader, integrations, directory, aws);
        var push = PushOptionsReader.Read(guardDutyReader, problems, aws);
        var metricsListen = MetricsListenReader.Read(guardDutyReader, problems);

        // Parse problems first (they explain why a value is missing), then validation of what was read.
        var parseProblems = problems.ToList();
        var validation = resilient.Validate().Concat(guardDuty.Validate()).Concat(integrations.Validate())
            .Where(v => !parseProblems.Any(p => p.Section == v.Section && p.Key == v.Key));
        var all = parseProblems.Concat(validation).ToList();
        if (all.Count > 0)
        {
            throw new ConfigurationException(all);
        }

        AddWarnings(warnings, document, resilient, guardDuty);
        return new AppConfig(path, document, resilient, guardDuty, integrations, warnings, CollectSecrets(document, protectedValues)) { Push = push, MetricsListen = metricsListen };
    }

    private static void AddWarnings(List<string> warnings, IniDocument document, ResilientOptions resilient, GuardDutyOptions guardDuty)
    {
        if (resilient.CaFile.Mode == CaFileMode.Disabled)
        {
            warnings.Add(new ConfigProblem(ConfigSections.Resilient, "cafile", "false: the SOAR server's TLS certificate is NOT verified").ToString());
        }

        if (resilient.StompCaFile?.Mode == CaFileMode.Disabled)
        {
            warnings.Add(new ConfigProblem(ConfigSections.Resilient, "stomp_cafile", "false: the STOMP server's TLS certificate is NOT verified").ToString());
        }

        if (guardDuty.HasStaticKeys && guardDuty.Profile is not null)
        {
            warnings.Add(new ConfigProblem(ConfigSections.GuardDuty, "aws_gd_profile", "is ignored: static keys are set and take precedence").ToString());
        }

        if (document.FindSection(ConfigSections.GuardDuty) is { } section)
        {
            foreach (var entry in section.Entries.Where(e => ConfigKeyCatalog.Find(ConfigSections.GuardDuty, e.Key) is null))
            {
                warnings.Add(new ConfigProblem(ConfigSections.GuardDuty, entry.Key, "unknown key, ignored (a typo?)").ToString());
            }
        }
    }

    private static IReadOnlyList<string> CollectSecrets(IniDocument document, IEnumerable<string> protectedValues)
    {
        // Whatever came from an App Host protected secret is secret, whatever its key is called.
        var secrets = new HashSet<string>(protectedValues.Select(v => v.Trim()), StringComparer.Ordinal);
        foreach (var section in document.Sections)
        {
            foreach (var entry in section.Entries)
            {
                if (SecretKeyNames.IsSecret(entry.Key))
                {
                    secrets.Add(entry.Value.Trim());
                }
                else if (entry.Key.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase)
                         && Uri.TryCreate(entry.Value.Trim(), UriKind.Absolute, out var uri)
                         && uri.UserInfo.IndexOf(':') is var colon and >= 0)
                {
                    var raw = uri.UserInfo[(colon + 1)..];
                    secrets.Add(raw);
                    secrets.Add(Uri.UnescapeDataString(raw));
                }
            }
        }

        return secrets.Where(s => s.Length >= MinimumRedactedLength).OrderByDescending(s => s.Length).ToList();
    }
}
