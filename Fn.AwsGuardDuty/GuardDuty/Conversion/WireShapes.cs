using System.Collections.Frozen;

namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

/// <summary>
/// The structures of <see cref="WireShapeTable"/>, indexed both ways. Members not listed follow the default rule
/// (boto3 name = wire name with its first letter upper-cased) and are walked without a shape.
/// </summary>
internal sealed class WireShapes
{
    private readonly FrozenDictionary<string, Structure> _structures;

    private WireShapes(FrozenDictionary<string, Structure> structures) => _structures = structures;

    /// <summary>The generated table, parsed once.</summary>
    public static WireShapes Default => Holder.Instance;

    public static WireShapes Parse(string table)
    {
        var structures = new Dictionary<string, Structure>(StringComparer.Ordinal);
        foreach (var raw in table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Bad shape line '{raw}'.");
            var members = new List<ShapeMember>();
            foreach (var entry in raw[(eq + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = entry.LastIndexOf(':');
                var names = entry[..colon];
                var type = ShapeType.Parse(entry[(colon + 1)..]);
                var arrow = names.IndexOf('>');
                members.Add(arrow < 0
                    ? new ShapeMember(names, NameRules.ToBoto(names), type)
                    : new ShapeMember(names[..arrow], names[(arrow + 1)..], type));
            }
            structures[raw[..eq]] = new Structure(
                members.ToFrozenDictionary(m => m.WireName, StringComparer.Ordinal),
                members.ToFrozenDictionary(m => m.SdkName, StringComparer.Ordinal));
        }
        return new WireShapes(structures.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool Contains(string structure) => _structures.ContainsKey(structure);

    public IEnumerable<string> StructureNames => _structures.Keys;

    public ShapeMember? ByWire(string? structure, string wireName) =>
        structure is not null && _structures.TryGetValue(structure, out var s) && s.ByWire.TryGetValue(wireName, out var m) ? m : null;

    public ShapeMember? BySdk(string? structure, string sdkName) =>
        structure is not null && _structures.TryGetValue(structure, out var s) && s.BySdk.TryGetValue(sdkName, out var m) ? m : null;

    private sealed record Structure(FrozenDictionary<string, ShapeMember> ByWire, FrozenDictionary<string, ShapeMember> BySdk);

    private static class Holder
    {
        public static readonly WireShapes Instance = Parse(WireShapeTable.Text);
    }
}
