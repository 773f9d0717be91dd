using NLog;
using NLog.Config;
using NLog.Layouts;
using NLog.Targets;
using NLog.Targets.Wrappers;

namespace Fn.AwsGuardDuty.Logging;

/// <summary>
/// Builds the process's NLog <see cref="LogFactory"/> (an instance, not the static LogManager): NLog.config
/// beside the executable when present, else the same shape built in code; then the app.config values
/// (logdir, logfile, loglevel, rotation) and the secret redaction around every target's layout.
/// </summary>
/// <remarks>
/// NLog.config reads <c>${var:logdir}</c>, <c>${var:logfile}</c> and <c>${var:loglevel}</c>, which are set here.
/// Without a logdir, file targets are detached, so logs go to stdout only (containers).
/// </remarks>
public static class NLogSetup
{
    public const string FileName = "NLog.config";
    public const string ConsoleTargetName = "console";
    public const string FileTargetName = "file";
    private const string LineLayout =
        "${date:format=yyyy-MM-dd HH\\:mm\\:ss,fff} ${level:uppercase=true:padding=-5} [${logger:shortName=true}] ${message}${onexception:${newline}${exception:format=tostring}}";

    /// <summary>Path of the default NLog.config (next to the executable).</summary>
    public static string DefaultConfigPath => Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>A log folder we create is the owner's only.</summary>
    public const UnixFileMode LogDirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static LogFactory Create(LogSettings settings, SecretRedactor redactor, string? nlogConfigPath = null)
    {
        if (settings.LogDir is { } logDir && !Directory.Exists(logDir) && !OperatingSystem.IsWindows())
        {
            // Before NLog would create it with the umask's mode.
            Directory.CreateDirectory(logDir, LogDirMode);
        }

        var factory = new LogFactory();
        var path = nlogConfigPath ?? DefaultConfigPath;
        LoggingConfiguration config = File.Exists(path)
            ? new XmlLoggingConfiguration(path, factory)
            : BuildDefault(factory, settings);

        Apply(config, settings, redactor);
        factory.Configuration = config;
        factory.ReconfigExistingLoggers();
        return factory;
    }

    /// <summary>Applies app.config values and redaction to a loaded configuration.</summary>
    public static void Apply(LoggingConfiguration config, LogSettings settings, SecretRedactor redactor)
    {
        config.Variables["logdir"] = settings.LogDir ?? "";
        config.Variables["logfile"] = settings.LogFile;
        config.Variables["loglevel"] = LogLevelNames.ToNLog(settings.Level).Name;

        foreach (var file in config.AllTargets.Select(Unwrap).OfType<FileTarget>().Distinct())
        {
            if (settings.MaxBytes > 0)
            {
                file.ArchiveAboveSize = settings.MaxBytes;
            }

            file.MaxArchiveFiles = settings.BackupCount;
        }

        if (settings.LogDir is null)
        {
            foreach (var rule in config.LoggingRules)
            {
                foreach (var target in rule.Targets.Where(t => Unwrap(t) is FileTarget).ToList())
                {
                    rule.Targets.Remove(target);
                }
            }
        }

        foreach (var target in config.AllTargets.Select(Unwrap).OfType<TargetWithLayout>().Distinct())
        {
            if (target.Layout is not RedactingLayout)
            {
                target.Layout = new RedactingLayout(target.Layout, redactor);
            }
        }
    }

    private static Target Unwrap(Target target)
    {
        while (target is WrapperTargetBase { WrappedTarget: { } inner })
        {
            target = inner;
        }

        return target;
    }

    private static LoggingConfiguration BuildDefault(LogFactory factory, LogSettings settings)
    {
        var config = new LoggingConfiguration(factory);
        var console = new ConsoleTarget(ConsoleTargetName) { Layout = LineLayout };
        var file = new FileTarget(FileTargetName)
        {
            Layout = LineLayout,
            FileName = Layout.FromString("${var:logdir}/${var:logfile}"),
        };
        config.AddTarget(console);
        config.AddTarget(file);
        config.LoggingRules.Add(new LoggingRule("Microsoft.*") { FinalMinLevel = LogLevel.Warn });
        var rule = new LoggingRule("*", console);
        rule.Targets.Add(file);
        rule.SetLoggingLevels(LogLevelNames.ToNLog(settings.Level), LogLevel.Fatal);
        config.LoggingRules.Add(rule);
        return config;
    }
}
