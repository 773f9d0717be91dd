using System.Globalization;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// One checkpoint file's JSON (snake_case, as the rest of app.config's world), read and written token by token.
/// Newtonsoft's reflection serializer is deliberately not used: it is the only thing an idle poller would load it for,
/// and with it System.Data.Common and its JIT code (about 2 MB of the idle app's memory, issue 12).
/// </summary>
internal sealed class CheckpointFile
{
    public const int CurrentFormat = 1;

    public int Format { get; init; }

    /// <summary>The account of the credentials: the first part of the file's key. Absent in files of older releases.</summary>
    public string? CallerAccountId { get; init; }

    public string? AccountId { get; init; }

    public string? Region { get; init; }

    public string? DetectorId { get; init; }

    /// <summary>The updatedAt high-water mark, epoch milliseconds.</summary>
    public long? HighWaterMs { get; init; }

    /// <summary>The same mark as ISO-8601, for people reading the file.</summary>
    public string? HighWater { get; init; }

    /// <summary>Finding ids handled at exactly the mark's millisecond.</summary>
    public IReadOnlyList<string?> BoundaryIds { get; init; } = [];

    /// <summary>Other findings handled near or above the mark: id → updatedAt (epoch ms).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Recent { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, RetryRecord>> Retry { get; init; } = [];

    public IReadOnlyList<string?> PendingCreates { get; init; } = [];

    public IReadOnlyList<string?> OpenIncidentFindings { get; init; } = [];

    /// <summary>Finding id → fingerprint of the close template SOAR refused for required fields.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> CloseRefused { get; init; } = [];

    public string? ReconcileCursor { get; init; }

    public string? SavedAt { get; init; }

    internal sealed record RetryRecord(int Attempts, bool Invalid, string? LastError);

    /// <summary>The file's text: indented, absent values left out, members in the order older releases wrote them.</summary>
    public string ToJson()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented })
        {
            json.WriteStartObject();
            json.WritePropertyName("format");
            json.WriteValue(Format);
            WriteIfSet(json, "caller_account_id", CallerAccountId);
            WriteIfSet(json, "account_id", AccountId);
            WriteIfSet(json, "region", Region);
            WriteIfSet(json, "detector_id", DetectorId);
            if (HighWaterMs is { } mark)
            {
                json.WritePropertyName("high_water_ms");
                json.WriteValue(mark);
            }

            WriteIfSet(json, "high_water", HighWater);
            WriteStrings(json, "boundary_ids", BoundaryIds);
            WriteEntries(json, "recent", Recent, (w, at) => w.WriteValue(at));
            WriteEntries(json, "retry", Retry, (w, retry) =>
            {
                w.WriteStartObject();
                w.WritePropertyName("attempts");
                w.WriteValue(retry.Attempts);
                w.WritePropertyName("invalid");
                w.WriteValue(retry.Invalid);
                WriteIfSet(w, "last_error", retry.LastError);
                w.WriteEndObject();
            });
            WriteStrings(json, "pending_creates", PendingCreates);
            WriteStrings(json, "open_incident_findings", OpenIncidentFindings);
            WriteEntries(json, "close_refused", CloseRefused, (w, fingerprint) => w.WriteValue(fingerprint));
            WriteIfSet(json, "reconcile_cursor", ReconcileCursor);
            WriteIfSet(json, "saved_at", SavedAt);
            json.WriteEndObject();
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a file's text. Members it does not know are ignored (a newer release may add some); a member of the wrong
    /// JSON type, or text that is not one JSON object, throws <see cref="JsonException"/> (or the conversion's
    /// <see cref="ArgumentException"/>, <see cref="FormatException"/>, <see cref="InvalidCastException"/>,
    /// <see cref="OverflowException"/>).
    /// </summary>
    public static CheckpointFile Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new JsonException("the file is empty");
        if (WireJson.Parse(text) is not JObject file) throw new JsonException("the file is not a JSON object");
        return new CheckpointFile
        {
            Format = (int?)Member(file, "format") ?? 0,
            CallerAccountId = (string?)Member(file, "caller_account_id"),
            AccountId = (string?)Member(file, "account_id"),
            Region = (string?)Member(file, "region"),
            DetectorId = (string?)Member(file, "detector_id"),
            HighWaterMs = (long?)Member(file, "high_water_ms"),
            HighWater = (string?)Member(file, "high_water"),
            BoundaryIds = Strings(file, "boundary_ids"),
            Recent = Entries(file, "recent", at => (long?)at ?? throw new JsonException("a recent entry has no updatedAt")),
            Retry = Entries(file, "retry", ReadRetry),
            PendingCreates = Strings(file, "pending_creates"),
            OpenIncidentFindings = Strings(file, "open_incident_findings"),
            CloseRefused = Entries(file, "close_refused", fingerprint => (string?)fingerprint),
            ReconcileCursor = (string?)Member(file, "reconcile_cursor"),
            SavedAt = (string?)Member(file, "saved_at"),
        };
    }

    private static RetryRecord ReadRetry(JToken token) => token switch
    {
        JObject retry => new RetryRecord((int?)Member(retry, "attempts") ?? 0, (bool?)Member(retry, "invalid") ?? false, (string?)Member(retry, "last_error")),
        { Type: JTokenType.Null } => new RetryRecord(0, false, null),
        _ => throw new JsonException($"a retry entry is {token.Type}, not an object"),
    };

    /// <summary>A scalar member; null when absent or JSON null.</summary>
    private static JValue? Member(JObject owner, string name) => owner[name] switch
    {
        null => null,
        JValue value => value,
        var other => throw new JsonException($"'{name}' is {other.Type}, not a value"),
    };

    private static List<string?> Strings(JObject owner, string name) => owner[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray items => items.Select(item => item is JValue value ? (string?)value : throw new JsonException($"'{name}' holds {item.Type}")).ToList(),
        var other => throw new JsonException($"'{name}' is {other.Type}, not an array"),
    };

    private static List<KeyValuePair<string, T>> Entries<T>(JObject owner, string name, Func<JToken, T> read) => owner[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JObject entries => entries.Properties().Select(p => KeyValuePair.Create(p.Name, read(p.Value))).ToList(),
        var other => throw new JsonException($"'{name}' is {other.Type}, not an object"),
    };

    private static void WriteIfSet(JsonWriter json, string name, string? value)
    {
        if (value is null) return;
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void WriteEntries<T>(JsonWriter json, string name, IEnumerable<KeyValuePair<string, T>> entries, Action<JsonWriter, T> writeValue)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var (id, value) in entries)
        {
            json.WritePropertyName(id);
            writeValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteStrings(JsonWriter json, string name, IEnumerable<string?> values)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var value in values) json.WriteValue(value);
        json.WriteEndArray();
    }
}
