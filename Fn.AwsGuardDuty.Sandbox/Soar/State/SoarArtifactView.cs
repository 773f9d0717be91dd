namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>A copy of an artifact for tests: <see cref="Type"/> is the type's API name.</summary>
public sealed record SoarArtifactView(long Id, string Type, string TypeDisplayName, string Value, string? Description);
