namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Where to look for one artifact type: every scalar under <see cref="Key"/> below <see cref="Root"/>.
/// <see cref="ArrayElements"/> also takes the scalar elements of a list under the key (e.g. <c>Ipv6Addresses</c>).
/// <see cref="Parent"/>, when given, keeps only hits whose holding object is a member of that name (e.g. the <c>Name</c> of
/// an actor's <c>User</c>, not of its <c>Process</c> or its user's <c>Account</c>).
/// </summary>
internal sealed record ArtifactRule(ArtifactTypeDefinition Type, string Key, IReadOnlyList<object> Root, bool ArrayElements = false,
    string? Parent = null)
{
    public bool Accepts(SearchHit hit) =>
        Parent is null || (hit.ParentPath.Count > 0 && hit.ParentPath[^1] is string member && member == Parent);
}
