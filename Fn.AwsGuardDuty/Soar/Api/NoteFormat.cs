namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>The <c>format</c> of a note's text.</summary>
public enum NoteFormat
{
    Text,
    Html,
}
