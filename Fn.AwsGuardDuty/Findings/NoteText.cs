namespace Fn.AwsGuardDuty.Findings;

/// <summary>The note headings of the reference (guardduty-app.md §3.5) and the note size limit.</summary>
public static class NoteText
{
    public const string CreationHeading = "AWS GuardDuty finding Payload:\n";
    public const string RefreshHeading = "AWS GuardDuty finding Payload for refresh:\n";
    /// <summary>Largest note content, in UTF-8 bytes, before it is truncated with a marker.</summary>
    public const int DefaultMaxBytes = 64 * 1024;
}
