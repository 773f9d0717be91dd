using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>
/// A finding kept as compact UTF-8 wire JSON (a parsed JObject costs about ten times the bytes and millions of small
/// objects, and the sandbox runs the app in the same process), plus a flat array of the values at every indexed path
/// (criterion fields and common sort keys), so queries never parse. Any other path is read by parsing on demand.
/// Immutable: a change stores a new instance.
/// </summary>
internal sealed class StoredFinding
{
    private readonly byte[] json;
    private readonly IndexedValue[] values;
    private readonly int[] starts;
    private readonly FindingFieldCatalog catalog;

    private StoredFinding(string id, byte[] json, IndexedValue[] values, int[] starts, FindingFieldCatalog catalog)
    {
        Id = id;
        this.json = json;
        this.values = values;
        this.starts = starts;
        this.catalog = catalog;
    }

    public string Id { get; }

    public string JsonText => Encoding.UTF8.GetString(json);

    public static StoredFinding Create(JObject document, FindingFieldCatalog catalog)
    {
        var collected = new List<(int PathId, IndexedValue Value)>();
        Collect(document, "", catalog, collected);

        // Group by path id (stable), remembering where each path's values start.
        var starts = new int[catalog.IndexedPaths.Count + 1];
        foreach (var (pathId, _) in collected)
        {
            starts[pathId + 1]++;
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        var next = (int[])starts.Clone();
        var values = new IndexedValue[collected.Count];
        foreach (var (pathId, value) in collected)
        {
            values[next[pathId]++] = value;
        }

        return new StoredFinding((string)document["id"]!, Encoding.UTF8.GetBytes(WireJson.Serialize(document)), values, starts, catalog);
    }

    public JObject Parse() => WireJson.ParseObject(JsonText);

    /// <summary>The scalar values at a dotted path (arrays crossed), as <see cref="FindingPathReader"/> reads them.</summary>
    public IReadOnlyList<IndexedValue> Values(string path)
    {
        var pathId = catalog.IndexedPathId(path);
        if (pathId >= 0)
        {
            return new ArraySegment<IndexedValue>(values, starts[pathId], starts[pathId + 1] - starts[pathId]);
        }

        var isTimestamp = catalog.IsTimestamp(path);
        return FindingPathReader.Values(Parse(), path).Select(value => IndexedValue.From(value, isTimestamp)).ToList();
    }

    private static void Collect(JToken token, string path, FindingFieldCatalog catalog, List<(int, IndexedValue)> into)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (catalog.IsIndexedPrefix(child))
                    {
                        Collect(property.Value, child, catalog, into);
                    }
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    Collect(item, path, catalog, into);
                }

                break;
            case JValue value when value.Type != JTokenType.Null && catalog.IndexedPathId(path) is var pathId && pathId >= 0:
                into.Add((pathId, IndexedValue.From(value, catalog.IsTimestamp(path))));
                break;
        }
    }
}
