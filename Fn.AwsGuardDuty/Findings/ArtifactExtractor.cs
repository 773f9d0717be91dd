using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Collects artifacts from a finding by <see cref="ArtifactRules"/>, de-duplicated by (type, value) with the
/// first occurrence kept (the reference de-duplicates by value alone). Empty values are skipped.
/// </summary>
internal static class ArtifactExtractor
{
    public static List<IncidentArtifact> Extract(JObject finding)
    {
        var artifacts = new List<IncidentArtifact>();
        var seen = new HashSet<(string Type, string Value)>();
        foreach (var rule in ArtifactRules.All)
        {
            foreach (var hit in FindingSearch.FindAll(finding, rule.Root, rule.Key, rule.ArrayElements))
            {
                if (!rule.Accepts(hit))
                    continue;
                var value = ScalarText.From(hit.Value);
                if (string.IsNullOrWhiteSpace(value) || !seen.Add((rule.Type.ApiName, value)))
                    continue;
                artifacts.Add(new IncidentArtifact(rule.Type.ApiName, value, Describe(rule.Type, hit)));
            }
        }
        return artifacts;
    }

    /// <summary>Leaves out artifacts the incident already has: same type and value, or same value when the existing type is unknown.</summary>
    public static List<IncidentArtifact> ExcludeExisting(IReadOnlyList<IncidentArtifact> artifacts, IEnumerable<ExistingArtifact> existing)
    {
        var byTypeAndValue = new HashSet<(string Type, string Value)>();
        var byValue = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifact in existing)
        {
            if (artifact?.Value is null)
                continue;
            var type = ArtifactTypes.Find(artifact.Type);
            if (type is null)
                byValue.Add(artifact.Value);
            else
                byTypeAndValue.Add((type.ApiName, artifact.Value));
        }
        return artifacts
            .Where(a => !byValue.Contains(a.Value) && !byTypeAndValue.Contains((a.Type, a.Value)))
            .ToList();
    }

    private static string Describe(ArtifactTypeDefinition type, SearchHit hit) =>
        $"'{type.DisplayName}' extracted from GuardDuty from finding property '{hit.Key}' at path '{PythonListRepr.Format(hit.ParentPath)}'.";
}
