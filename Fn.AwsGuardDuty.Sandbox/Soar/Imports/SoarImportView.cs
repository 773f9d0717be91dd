namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>A copy of an import for tests. <see cref="Status"/> is PENDING, ACCEPTED or REJECTED.</summary>
public sealed record SoarImportView(int Id, string Status, IReadOnlyList<SoarImportChange> Changes)
{
    public bool NoChanges => Changes.All(c => c.Action == "unchanged");

    public IEnumerable<SoarImportChange> Added => Changes.Where(c => c.Action == "added");

    public IEnumerable<SoarImportChange> Changed => Changes.Where(c => c.Action == "changed");
}
