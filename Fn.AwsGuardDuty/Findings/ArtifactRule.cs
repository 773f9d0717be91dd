namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Where to look for one artifact type: every scalar under <see cref="Key"/> below <see cref="Root"/>.
/// <see cref="ArrayElements"/> also takes the scalar elements of a list under the key (e.g. <c>Ipv6Addresses</c>).
/// </summary>
internal sealed record ArtifactRule(ArtifactTypeDefinition Type, string Key, IReadOnlyList<object> Root, bool ArrayElements = false);
