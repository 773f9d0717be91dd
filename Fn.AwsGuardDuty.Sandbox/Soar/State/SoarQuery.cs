using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// A query body: <c>filters</c> (each a list of conditions joined by its <c>logic_type</c> ALL or ANY; several
/// filters are alternatives, joined by OR), <c>sorts</c>, <c>start</c> and <c>length</c>. Checked completely before
/// anything is read, so a bad field or method is a 400 even on an empty org.
/// </summary>
internal sealed class SoarQuery<T>
{
    private readonly List<(bool Any, List<SoarQueryCondition<T>> Conditions)> _filters = [];
    private readonly List<(Func<T, object?> Read, bool Descending)> _sorts = [];

    private SoarQuery()
    {
    }

    public int Start { get; private init; }

    public int? Length { get; private init; }

    public static SoarQuery<T> Parse(JToken? body, Func<string, (SoarFieldDefinition Field, Func<T, object?> Read)?> resolve)
    {
        if (body is not null && body.Type != JTokenType.Null && body is not JObject)
        {
            throw SoarHttpException.BadRequest("The query body must be an object.");
        }

        var obj = body as JObject ?? [];
        var query = new SoarQuery<T>
        {
            Start = ReadInt(obj, "start") ?? 0,
            Length = ReadInt(obj, "length"),
        };
        if (query.Start < 0 || query.Length < 0)
        {
            throw SoarHttpException.BadRequest("start and length must not be negative.");
        }

        foreach (var filter in obj["filters"] as JArray ?? [])
        {
            var logic = filter["logic_type"]?.Value<string?>()?.ToUpperInvariant() ?? "ALL";
            if (logic is not ("ALL" or "ANY"))
            {
                throw SoarHttpException.BadRequest($"Unknown logic_type '{logic}'; use ALL or ANY.");
            }

            var conditions = (filter["conditions"] as JArray ?? []).Select(c => SoarQueryCondition<T>.Compile(c, resolve)).ToList();
            query._filters.Add((logic == "ANY", conditions));
        }

        foreach (var sort in obj["sorts"] as JArray ?? [])
        {
            var name = sort["field_name"]?.Value<string?>() ?? throw SoarHttpException.BadRequest("A sort has no field_name.");
            var resolved = resolve(name) ?? throw SoarHttpException.BadRequest($"Unknown field '{name}' in sorts.");
            var type = sort["type"]?.Value<string?>()?.ToLowerInvariant() ?? "asc";
            if (type is not ("asc" or "desc"))
            {
                throw SoarHttpException.BadRequest($"Unknown sort type '{type}'; use asc or desc.");
            }

            query._sorts.Add((resolved.Read, type == "desc"));
        }

        return query;
    }

    public bool Matches(T item) =>
        _filters.Count == 0 || _filters.Any(f => f.Conditions.Count == 0 || (f.Any ? f.Conditions.Any(c => c.Matches(item)) : f.Conditions.All(c => c.Matches(item))));

    public List<T> Sort(IEnumerable<T> items)
    {
        IOrderedEnumerable<T>? ordered = null;
        foreach (var (read, descending) in _sorts)
        {
            ordered = ordered is null
                ? descending ? items.OrderByDescending(read, SortComparer.Instance) : items.OrderBy(read, SortComparer.Instance)
                : descending ? ordered.ThenByDescending(read, SortComparer.Instance) : ordered.ThenBy(read, SortComparer.Instance);
        }

        return (ordered ?? items).ToList();
    }

    public IEnumerable<T> Page(List<T> sorted) => Length is { } length ? sorted.Skip(Start).Take(length) : sorted.Skip(Start);

    private static int? ReadInt(JObject obj, string name) => obj[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        { Type: JTokenType.Integer } v => v.Value<int>(),
        _ => throw SoarHttpException.BadRequest($"\"{name}\" must be an integer."),
    };

    private sealed class SortComparer : IComparer<object?>
    {
        public static readonly SortComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (long or double, long or double) => Convert.ToDouble(x).CompareTo(Convert.ToDouble(y)),
            _ => string.CompareOrdinal(SoarValueCodec.AsText(x), SoarValueCodec.AsText(y)),
        };
    }
}
