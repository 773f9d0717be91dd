namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// The parts of an HTTP request that a SigV4 signature covers, exactly as they came off the wire:
/// the raw (still percent-encoded) path and query, every header line, and the body bytes.
/// </summary>
public sealed class SigV4Request
{
    public SigV4Request(string method, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> headers, byte[] body)
    {
        Method = method;
        RawPath = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        RawQuery = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        Body = body;
        var map = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (!map.TryGetValue(name, out var values))
            {
                values = [];
                map[name] = values;
            }

            values.Add(value);
        }

        Headers = map.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.OrdinalIgnoreCase);
    }

    public string Method { get; }

    public string RawPath { get; }

    public string RawQuery { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    public byte[] Body { get; }

    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) && values.Count > 0 ? string.Join(",", values) : null;
}
