using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Logging;

/// <summary>What the logging setup takes from app.config.</summary>
/// <param name="LogDir">Folder of the rotating log file; null logs to stdout only.</param>
/// <param name="LogFile">File name inside <paramref name="LogDir"/>.</param>
/// <param name="Level">A <see cref="ResilientOptions.LogLevels"/> name.</param>
/// <param name="MaxBytes">Rotation size; 0 = no rotation.</param>
/// <param name="BackupCount">Rotated files kept.</param>
public sealed record LogSettings(string? LogDir, string LogFile, string Level, long MaxBytes, int BackupCount)
{
    /// <summary>Before app.config is read: stdout only, INFO.</summary>
    public static LogSettings ConsoleOnly { get; } = new(null, ResilientOptions.DefaultLogFile, ResilientOptions.DefaultLogLevel,
        ResilientOptions.DefaultLogMaxBytes, ResilientOptions.DefaultLogBackupCount);

    public static LogSettings From(ResilientOptions options) =>
        new(options.LogDir, options.LogFile, options.LogLevel, options.LogMaxBytes, options.LogBackupCount);
}
