namespace Fn.AwsGuardDuty.Sandbox.Platform;

public enum SoarPlaybookOutcome
{
    /// <summary>The function answered and the script applied its result (archived set, or fields, rows and artifacts refreshed).</summary>
    Succeeded,

    /// <summary>The function answered with content the script treats as a failure (status "error", or no finding); the script wrote a note.</summary>
    ScriptReportedError,

    /// <summary>The function failed (message_type 1): SOAR fails the playbook and its script does not run.</summary>
    FunctionFailed,

    /// <summary>No answer in time, or the script's changes were refused; logged, nothing applied.</summary>
    Failed,
}
