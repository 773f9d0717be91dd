using NLog;

namespace Fn.AwsGuardDuty.Logging;

/// <summary>Maps app.config level names (Python's, as resilient-circuits uses them) to NLog levels.</summary>
public static class LogLevelNames
{
    public static LogLevel ToNLog(string name) => name.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Info,
        "WARNING" or "WARN" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "CRITICAL" or "FATAL" => LogLevel.Fatal,
        _ => throw new ArgumentException($"unknown log level '{name}'", nameof(name)),
    };
}
