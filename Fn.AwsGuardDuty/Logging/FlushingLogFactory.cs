using NLog;

namespace Fn.AwsGuardDuty.Logging;

/// <summary>
/// The process's <see cref="LogFactory"/>: disposing it first writes out what the async targets still queue, so the
/// last lines of a command (selftest, customize, a failed start) reach the console and the file before the process ends.
/// </summary>
public sealed class FlushingLogFactory : LogFactory
{
    /// <summary>How long disposal waits for the queued lines.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(15);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush(FlushTimeout);
        }

        base.Dispose(disposing);
    }
}
