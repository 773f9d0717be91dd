namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>An artifact as the emulator stores it.</summary>
internal sealed class SoarArtifactRecord
{
    public required long Id { get; init; }

    public required int TypeId { get; init; }

    public required string Value { get; init; }

    public string? Description { get; init; }

    public required long Created { get; init; }
}
