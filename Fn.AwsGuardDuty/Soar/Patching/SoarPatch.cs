using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Patching;

/// <summary>A PATCH body: the changes and the object's <c>vers</c> they were computed against.</summary>
public sealed record SoarPatch(IReadOnlyList<PatchChange> Changes, long? Version)
{
    public bool IsEmpty => Changes.Count == 0;

    public JObject ToJson()
    {
        var json = new JObject { ["changes"] = new JArray(Changes.Select(c => c.ToJson())) };
        if (Version is { } version)
        {
            json["version"] = version;
        }

        return json;
    }

    /// <summary>What this patch means to achieve (field → new value), to rebuild it on a fresh copy after a conflict.</summary>
    public IReadOnlyDictionary<string, JToken?> IntendedValues()
    {
        var intended = new Dictionary<string, JToken?>(StringComparer.Ordinal);
        foreach (var change in Changes)
        {
            intended[change.Field] = change.NewValue;
        }

        return intended;
    }
}
