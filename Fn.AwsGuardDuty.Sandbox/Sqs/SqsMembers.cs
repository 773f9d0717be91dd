using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>Typed reads of a JSON 1.0 request's members, with the errors SQS answers for missing or mistyped ones.</summary>
public sealed partial class SqsMembers(JObject body)
{
    public JObject Body { get; } = body;

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw SqsErrors.MissingParameter(name);

    public string? OptionalString(string name) => Body[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.String } value => value.Value<string>(),
        _ => throw SqsErrors.SerializationException($"{name} must be a string."),
    };

    public int? OptionalInt(string name) => Body[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.Integer } value when value.Value<long>() is >= int.MinValue and <= int.MaxValue => value.Value<int>(),
        _ => throw SqsErrors.SerializationException($"{name} must be an integer."),
    };

    public IReadOnlyList<string> StringList(string name) => Body[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray array when array.All(item => item.Type == JTokenType.String) => array.Select(item => item.Value<string>()!).ToList(),
        _ => throw SqsErrors.SerializationException($"{name} must be a list of strings."),
    };

    public IReadOnlyDictionary<string, string> StringMap(string name) => Body[name] switch
    {
        null or { Type: JTokenType.Null } => new Dictionary<string, string>(),
        JObject map when map.Properties().All(p => p.Value.Type == JTokenType.String) =>
            map.Properties().ToDictionary(p => p.Name, p => p.Value.Value<string>()!, StringComparer.Ordinal),
        _ => throw SqsErrors.SerializationException($"{name} must be a map of strings."),
    };

    /// <summary>Batch entries: 1 to 10 objects with distinct, well-formed <c>Id</c>s.</summary>
    public IReadOnlyList<(string Id, SqsMembers Entry)> Entries()
    {
        var entries = Body["Entries"] switch
        {
            null or { Type: JTokenType.Null } => throw SqsErrors.MissingParameter("Entries"),
            JArray array when array.All(item => item is JObject) => array.Cast<JObject>().ToList(),
            _ => throw SqsErrors.SerializationException("Entries must be a list of structures."),
        };
        if (entries.Count == 0)
        {
            throw SqsErrors.EmptyBatchRequest();
        }

        if (entries.Count > 10)
        {
            throw SqsErrors.TooManyEntriesInBatchRequest(entries.Count);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, SqsMembers)>();
        foreach (var entry in entries)
        {
            var members = new SqsMembers(entry);
            var id = members.RequiredString("Id");
            if (!BatchEntryId().IsMatch(id))
            {
                throw SqsErrors.InvalidBatchEntryId(id);
            }

            if (!seen.Add(id))
            {
                throw SqsErrors.BatchEntryIdsNotDistinct(id);
            }

            result.Add((id, members));
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex BatchEntryId();
}
