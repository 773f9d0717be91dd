using Fn.AwsGuardDuty.Sandbox.Soar.Schema;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>What an import would add, change or leave as it is, by comparing each object with what the org already has.</summary>
internal static class SoarImportPlanner
{
    public static List<SoarImportChange> Plan(SoarExport export, SoarSchema schema) =>
        export.Objects()
            .Where(o => o.Name is not null)
            .Select(o =>
            {
                var key = $"{o.Kind}:{o.Name}";
                var action = !schema.Fingerprints.TryGetValue(key, out var existing)
                    ? "added"
                    : existing == SoarExport.Fingerprint(o.Definition) ? "unchanged" : "changed";
                return new SoarImportChange(o.Kind, o.Name!, action);
            })
            .ToList();
}
