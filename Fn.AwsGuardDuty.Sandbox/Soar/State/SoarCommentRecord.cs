namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>A note on an incident.</summary>
internal sealed class SoarCommentRecord
{
    public required long Id { get; init; }

    public required string Format { get; init; }

    public required string Content { get; init; }

    public required long Created { get; init; }

    public int? UserId { get; init; }

    public string Author { get; init; } = "";
}
