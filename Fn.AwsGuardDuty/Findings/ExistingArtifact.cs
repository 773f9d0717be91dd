namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// An artifact the incident already has, as SOAR reports it. <see cref="Type"/> may be the API name or the
/// display name; when it is neither (e.g. a numeric id, or null) the artifact is matched by value alone.
/// </summary>
public sealed record ExistingArtifact(string? Type, string Value);
