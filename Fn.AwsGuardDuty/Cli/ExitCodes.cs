namespace Fn.AwsGuardDuty.Cli;

/// <summary>Process exit codes of every verb.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A runtime failure (or a failed selftest check, or a command-line usage error).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>app.config is missing or invalid; one line naming the key was printed.</summary>
    public const int ConfigurationError = 2;
}
