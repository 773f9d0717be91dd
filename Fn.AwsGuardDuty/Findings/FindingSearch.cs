using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// The reference's recursive key search (guardduty-app.md §3.4), with its list-index quirk fixed:
/// a depth-first walk in document order that reports every scalar under a key, recording the path of the
/// object that holds it. Direct members of the search root are reported first. A container under the key is
/// descended into, not reported, unless array elements are asked for (used for lists of addresses).
/// Null values count as absent.
/// </summary>
internal static class FindingSearch
{
    /// <summary>
    /// Resolves a section path: strings name object members (a '*' or '?' makes it a shell-style pattern,
    /// and when several members match the last one wins, as fnmatch in the reference), integers index lists.
    /// Returns false when any step is missing.
    /// </summary>
    public static bool TryResolve(JToken root, IReadOnlyList<object> path, out JToken node, out IReadOnlyList<object> concretePath)
    {
        node = root;
        var concrete = new List<object>(path.Count);
        foreach (var step in path)
        {
            switch (step)
            {
                case int index when node is JArray array && index >= 0 && index < array.Count:
                    node = array[index];
                    concrete.Add(index);
                    break;
                case string name when node is JObject obj:
                    var property = FindMember(obj, name);
                    if (property is null)
                    {
                        concretePath = concrete;
                        return false;
                    }
                    node = property.Value;
                    concrete.Add(property.Name);
                    break;
                default:
                    concretePath = concrete;
                    return false;
            }
        }
        concretePath = concrete;
        return true;
    }

    /// <summary>The node at <paramref name="path"/>, or null when a step is missing.</summary>
    public static JToken? Node(JToken root, params object[] path) =>
        TryResolve(root, path, out var node, out _) ? node : null;

    /// <summary>Every hit for <paramref name="key"/> under the node at <paramref name="path"/>; nothing when the path is missing.</summary>
    public static List<SearchHit> FindAll(JToken root, IReadOnlyList<object> path, string key, bool includeArrayElements = false)
    {
        var hits = new List<SearchHit>();
        if (!TryResolve(root, path, out var node, out var concretePath))
            return hits;

        var parentPath = new List<object>(concretePath);
        if (node is JObject obj)
        {
            // Direct members of the root first, then the walk, which skips the root's own scalars.
            foreach (var property in obj.Properties())
            {
                if (property.Name == key)
                    AddScalars(hits, key, property.Value, parentPath, includeArrayElements);
            }
            foreach (var property in obj.Properties())
            {
                if (property.Value is JContainer container && !(includeArrayElements && property.Name == key))
                    Walk(hits, container, key, Append(parentPath, property.Name), includeArrayElements);
            }
        }
        else if (node is JArray array)
        {
            Walk(hits, array, key, parentPath, includeArrayElements);
        }
        return hits;
    }

    /// <summary>The first hit's text, or null.</summary>
    public static string? FindFirstText(JToken root, IReadOnlyList<object> path, string key)
    {
        foreach (var hit in FindAll(root, path, key))
        {
            var text = ScalarText.From(hit.Value);
            if (text is not null)
                return text;
        }
        return null;
    }

    private static void Walk(List<SearchHit> hits, JContainer container, string key, List<object> path, bool includeArrayElements)
    {
        if (container is JObject obj)
        {
            foreach (var property in obj.Properties())
            {
                if (property.Name == key && (property.Value is JValue || (includeArrayElements && property.Value is JArray)))
                {
                    AddScalars(hits, key, property.Value, path, includeArrayElements);
                    if (property.Value is JValue)
                        continue;
                }
                if (property.Value is JContainer child && !(includeArrayElements && property.Name == key))
                    Walk(hits, child, key, Append(path, property.Name), includeArrayElements);
            }
        }
        else if (container is JArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JContainer child)
                    Walk(hits, child, key, Append(path, i), includeArrayElements);
            }
        }
    }

    private static void AddScalars(List<SearchHit> hits, string key, JToken value, List<object> parentPath, bool includeArrayElements)
    {
        if (value is JValue scalar)
        {
            if (scalar.Type is not (JTokenType.Null or JTokenType.Undefined))
                hits.Add(new SearchHit(key, scalar, parentPath));
            return;
        }
        if (includeArrayElements && value is JArray array)
        {
            foreach (var element in array)
            {
                if (element is JValue item && item.Type is not (JTokenType.Null or JTokenType.Undefined))
                    hits.Add(new SearchHit(key, item, parentPath));
            }
        }
    }

    private static JProperty? FindMember(JObject obj, string name)
    {
        if (name.IndexOfAny(['*', '?']) < 0)
            return obj.Property(name, StringComparison.Ordinal);
        JProperty? last = null;
        foreach (var property in obj.Properties())
        {
            if (GlobPattern.IsMatch(property.Name, name))
                last = property;
        }
        return last;
    }

    private static List<object> Append(List<object> path, object step) => new(path) { step };
}
