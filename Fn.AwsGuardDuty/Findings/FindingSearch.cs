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

        // One shared path stack; a hit copies it.
        var stack = new List<object>(concretePath);
        if (node is JObject obj)
        {
            // Direct members of the root first, then the walk, which skips the root's own scalars.
            foreach (var property in JsonMembers.Of(obj))
            {
                if (property.Name == key)
                    AddScalars(hits, key, property.Value, stack, includeArrayElements);
            }
            foreach (var property in JsonMembers.Of(obj))
            {
                if (property.Value is JContainer container && !(includeArrayElements && property.Name == key))
                {
                    stack.Add(property.Name);
                    Walk(hits, container, key, stack, includeArrayElements);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
        else if (node is JArray array)
        {
            Walk(hits, array, key, stack, includeArrayElements);
        }
        return hits;
    }

    /// <summary>The text of the first hit (in <see cref="FindAll"/> order), or null.</summary>
    public static string? FindFirstText(JToken root, IReadOnlyList<object> path, string key)
    {
        if (!TryResolve(root, path, out var node, out _))
            return null;
        if (node is JObject obj && obj.Property(key, StringComparison.Ordinal)?.Value is JValue direct && ScalarText.From(direct) is { } text)
            return text;
        return node is JContainer container ? FirstInWalk(container, key) : null;
    }

    private static string? FirstInWalk(JContainer container, string key)
    {
        if (container is JObject obj)
        {
            foreach (var property in JsonMembers.Of(obj))
            {
                if (property.Value is JValue value)
                {
                    if (property.Name == key && ScalarText.From(value) is { } text)
                        return text;
                }
                else if (property.Value is JContainer child && FirstInWalk(child, key) is { } found)
                {
                    return found;
                }
            }
        }
        else
        {
            IList<JToken> items = container;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JContainer child && FirstInWalk(child, key) is { } found)
                    return found;
            }
        }
        return null;
    }

    private static void Walk(List<SearchHit> hits, JContainer container, string key, List<object> stack, bool includeArrayElements)
    {
        if (container is JObject obj)
        {
            foreach (var property in JsonMembers.Of(obj))
            {
                if (property.Name == key && (property.Value is JValue || (includeArrayElements && property.Value is JArray)))
                {
                    AddScalars(hits, key, property.Value, stack, includeArrayElements);
                    continue;
                }
                if (property.Value is JContainer child)
                {
                    stack.Add(property.Name);
                    Walk(hits, child, key, stack, includeArrayElements);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
        else if (container is JArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JContainer child)
                {
                    stack.Add(i);
                    Walk(hits, child, key, stack, includeArrayElements);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
    }

    private static void AddScalars(List<SearchHit> hits, string key, JToken value, List<object> stack, bool includeArrayElements)
    {
        if (value is JValue scalar)
        {
            if (scalar.Type is not (JTokenType.Null or JTokenType.Undefined))
                hits.Add(new SearchHit(key, scalar, stack.ToArray()));
            return;
        }
        if (includeArrayElements && value is JArray array)
        {
            object[]? parentPath = null;
            foreach (var element in array)
            {
                if (element is JValue item && item.Type is not (JTokenType.Null or JTokenType.Undefined))
                    hits.Add(new SearchHit(key, item, parentPath ??= stack.ToArray()));
            }
        }
    }

    private static JProperty? FindMember(JObject obj, string name)
    {
        if (name.IndexOfAny(['*', '?']) < 0)
            return obj.Property(name, StringComparison.Ordinal);
        JProperty? last = null;
        foreach (var property in JsonMembers.Of(obj))
        {
            if (GlobPattern.IsMatch(property.Name, name))
                last = property;
        }
        return last;
    }
}
