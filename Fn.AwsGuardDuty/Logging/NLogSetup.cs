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
/// Targets are written from NLog's background writer (<see cref="AsyncTargetWrapper"/>), so a function call or a
/// poll cycle never waits for the console or the disk, and lines logged together go out in one write. Every async
/// wrapper blocks instead of discarding when its queue is full: no log line is dropped under load.
/// </remarks>
public static class NLogSetup
{
    public const string FileName = "NLog.config";
    public const string ConsoleTargetName = "console";
    public const string FileTargetName = "file";
    /// <summary>Lines queued per target before a logging call waits for the background writer.</summary>
    public const int AsyncQueueLimit = 10_000;
    /// <summary>
    /// How long the background writer gathers lines before it writes them. NLog's 1 ms wakes a writer thread for
    /// nearly every function call; 50 ms writes a busy second's lines in ~20 batches and is still immediate to a reader.
    /// </summary>
    public const int BatchIntervalMilliseconds = 50;

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

        var factory = new FlushingLogFactory();
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

        foreach (var wrapper in config.AllTargets.OfType<AsyncTargetWrapper>())
        {
            wrapper.OverflowAction = AsyncTargetWrapperOverflowAction.Block;
        }

        foreach (var target in config.AllTargets.Select(Unwrap).OfType<TargetWithLayout>().Distinct())
        {
            if (target.Layout is not RedactingLayout)
            {
                target.Layout = new RedactingLayout(target.Layout, redactor);
            }
        }
    }

    /// <summary>The target a wrapper (async, buffering, ...) writes to; the target itself when it is not a wrapper.</summary>
    public static Target Unwrap(Target target)
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
        var console = Async(new ConsoleTarget(ConsoleTargetName) { Layout = LineLayout });
        var file = Async(new FileTarget(FileTargetName)
        {
            Layout = LineLayout,
            FileName = Layout.FromString("${var:logdir}/${var:logfile}"),
        });
        config.AddTarget(console);
        config.AddTarget(file);
        // Framework chatter (hosting, HTTP client) only from Warn up.
        config.LoggingRules.Add(WarnAndAbove("Microsoft.*"));
        config.LoggingRules.Add(WarnAndAbove("System.Net.Http.*"));
        var rule = new LoggingRule("*", console);
        rule.Targets.Add(file);
        rule.SetLoggingLevels(LogLevelNames.ToNLog(settings.Level), LogLevel.Fatal);
        config.LoggingRules.Add(rule);
        return config;
    }

    /// <summary>As NLog.config's <c>&lt;logger name="..." finalMinLevel="Warn" /&gt;</c>: below Warn, no later rule writes these loggers.</summary>
    private static LoggingRule WarnAndAbove(string loggerNamePattern)
    {
        var rule = new LoggingRule { LoggerNamePattern = loggerNamePattern };
        rule.SetLoggingLevels(LogLevel.Warn, LogLevel.Fatal);
        rule.FinalMinLevel = LogLevel.Warn;
        return rule;
    }

    private static AsyncTargetWrapper Async(Target target) =>
        new(target.Name, target)
        {
            QueueLimit = AsyncQueueLimit,
            OverflowAction = AsyncTargetWrapperOverflowAction.Block,
            TimeToSleepBetweenBatches = BatchIntervalMilliseconds,
        };
}
