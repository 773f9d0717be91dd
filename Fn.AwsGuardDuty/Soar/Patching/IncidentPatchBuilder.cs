using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Patching;

/// <summary>
/// Builds a PATCH from an incident as SOAR returned it and the values we want it to have. Keys are top-level field
/// names (<c>severity_code</c>), <c>properties.&lt;name&gt;</c>, or a bare custom field name that exists under
/// <c>properties</c>. Old values come from the incident; fields that already hold the wanted value are left out.
/// </summary>
public static class IncidentPatchBuilder
{
    private const string PropertiesPrefix = "properties.";

    public static SoarPatch Build(JObject incident, IReadOnlyDictionary<string, JToken?> intended)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(intended);
        var properties = incident["properties"] as JObject;
        var changes = new List<PatchChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, wanted) in intended)
        {
            var (field, current) = Resolve(key, incident, properties);
            if (!seen.Add(field))
            {
                throw new ArgumentException($"Field '{field}' is given twice (as '{key}' and another spelling)", nameof(intended));
            }

            var newValue = wanted ?? JValue.CreateNull();
            var oldValue = current ?? JValue.CreateNull();
            if (!JToken.DeepEquals(oldValue, newValue))
            {
                changes.Add(new PatchChange(field, oldValue.DeepClone(), newValue.DeepClone()));
            }
        }

        return new SoarPatch(changes, ReadVersion(incident));
    }

    public static long? ReadVersion(JObject incident) =>
        incident["vers"] is { Type: JTokenType.Integer } vers ? vers.Value<long>() : null;

    /// <summary>The wire field name (bare) and the value the incident holds now.</summary>
    private static (string Field, JToken? Current) Resolve(string key, JObject incident, JObject? properties)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("An incident field name is empty", nameof(key));
        }

        if (key.StartsWith(PropertiesPrefix, StringComparison.Ordinal))
        {
            var name = key[PropertiesPrefix.Length..];
            if (name.Length == 0)
            {
                throw new ArgumentException($"'{key}' names no custom field", nameof(key));
            }

            return (name, properties?[name]);
        }

        if (incident.ContainsKey(key))
        {
            return (key, incident[key]);
        }

        return (key, properties?[key]);
    }
}
