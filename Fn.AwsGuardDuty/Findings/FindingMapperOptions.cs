namespace Fn.AwsGuardDuty.Findings;

/// <summary>Options of <see cref="FindingMapper"/>, validated when the mapper is built.</summary>
public sealed class FindingMapperOptions
{
    public const int MinimumNoteMaxBytes = 1024;

    /// <summary>Largest note content in UTF-8 bytes; longer notes are truncated with a marker. Default 64 KB.</summary>
    public int NoteMaxBytes { get; init; } = NoteText.DefaultMaxBytes;

    public void Validate()
    {
        if (NoteMaxBytes < MinimumNoteMaxBytes)
            throw new ArgumentOutOfRangeException(nameof(NoteMaxBytes), NoteMaxBytes,
                $"{nameof(NoteMaxBytes)} must be at least {MinimumNoteMaxBytes} bytes.");
    }
}
