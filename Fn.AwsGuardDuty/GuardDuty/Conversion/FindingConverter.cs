using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

/// <summary>
/// Converts GuardDuty wire JSON (camelCase) to the PascalCase shape boto3 returns, and back. Driven by a table generated
/// from the service model (the names that are not simply capitalised, e.g. <c>productCodeId</c>→<c>Code</c>,
/// <c>sourceIPs</c>→<c>SourceIps</c>; where maps keep their keys; where timestamps are) plus the default rule for
/// everything else, so members the table does not know (new GuardDuty fields) pass through, capitalised.
/// </summary>
public sealed class FindingConverter(TimestampFormat timestamps = TimestampFormat.Iso8601)
{
    /// <summary>Shape names for <see cref="ToBoto(JToken, string)"/>.</summary>
    public const string FindingShape = "Finding";
    public const string GetFindingsResponseShape = "GetFindingsResponse";
    public const string GetDetectorResponseShape = "GetDetectorResponse";
    public const string GetIpSetResponseShape = "GetIPSetResponse";
    public const string GetThreatIntelSetResponseShape = "GetThreatIntelSetResponse";
    public const string FindingStatisticsShape = "FindingStatistics";

    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string ReferenceFormat = "yyyy-MM-dd HH:mm:ss";

    private readonly WireShapes _shapes = WireShapes.Default;

    public TimestampFormat Timestamps { get; } = timestamps;

    /// <summary>One finding, wire → boto3 shape. The input is not modified.</summary>
    public JObject ToBoto(JObject wireFinding) => (JObject)ToBoto(wireFinding, FindingShape);

    /// <summary>Any response or structure of the model, wire → boto3 shape. An unknown shape name follows the default rule.</summary>
    public JToken ToBoto(JToken wire, string shapeName) =>
        Walk(wire, new ShapeType(ShapeTypeKind.Structure, shapeName), toBoto: true);

    /// <summary>One finding, boto3 shape → wire (e.g. to seed an emulator from a PascalCase fixture).</summary>
    public JObject ToWire(JObject botoFinding) => (JObject)ToWire(botoFinding, FindingShape);

    public JToken ToWire(JToken boto, string shapeName) =>
        Walk(boto, new ShapeType(ShapeTypeKind.Structure, shapeName), toBoto: false);

    private JToken Walk(JToken token, ShapeType? type, bool toBoto)
    {
        switch (type?.Kind)
        {
            case ShapeTypeKind.Structure when token is JObject obj:
                return WalkObject(obj, type.StructureName, toBoto);
            case ShapeTypeKind.List when token is JArray array:
                return new JArray(array.Select(e => Walk(e, type.Element, toBoto)));
            case ShapeTypeKind.Map when token is JObject map:
                var kept = new JObject();
                foreach (var (key, value) in map) kept[key] = value is null ? JValue.CreateNull() : Walk(value, type.Element, toBoto);
                return kept;
            case ShapeTypeKind.Timestamp:
                return toBoto ? TimestampToBoto(token) : TimestampToWire(token);
            case ShapeTypeKind.Scalar:
                return Scalar(token);
        }
        // No shape (a member the table does not know, or an unexpected JSON type): default rule all the way down.
        return token switch
        {
            JObject obj => WalkObject(obj, null, toBoto),
            JArray array => new JArray(array.Select(e => Walk(e, null, toBoto))),
            _ => Scalar(token),
        };
    }

    /// <summary>
    /// A copy of a scalar. A date value only appears when the caller parsed JSON with Newtonsoft's date sniffing on;
    /// it is turned back into the ISO string the service sent.
    /// </summary>
    private static JToken Scalar(JToken token) => token.Type == JTokenType.Date && AsInstant(token) is { } instant
        ? new JValue(instant.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture))
        : token.DeepClone();

    private static DateTimeOffset? AsInstant(JToken token) => (token as JValue)?.Value switch
    {
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
        DateTimeOffset d => d,
        _ => null,
    };

    private JObject WalkObject(JObject obj, string? structure, bool toBoto)
    {
        var result = new JObject();
        foreach (var (name, value) in obj)
        {
            var member = toBoto ? _shapes.ByWire(structure, name) : _shapes.BySdk(structure, name);
            var newName = member is not null
                ? (toBoto ? member.SdkName : member.WireName)
                : (toBoto ? NameRules.ToBoto(name) : NameRules.ToWire(name));
            var converted = value is null ? JValue.CreateNull() : Walk(value, member?.Type ?? ScalarOrUnknown(value), toBoto);
            // Two wire names must never collapse into one boto3 name; keep the first, as a dictionary would.
            if (!result.ContainsKey(newName)) result[newName] = converted;
        }
        return result;
    }

    private static ShapeType? ScalarOrUnknown(JToken value) => value is JValue ? ShapeType.Scalar : null;

    private JToken TimestampToBoto(JToken token)
    {
        if (Timestamps == TimestampFormat.EpochSeconds) return Scalar(token);
        DateTimeOffset? instant = token.Type switch
        {
            JTokenType.Integer or JTokenType.Float => FromEpochSeconds(token.Value<double>()),
            JTokenType.String when Timestamps == TimestampFormat.ReferenceText => ParseIso((string?)token),
            JTokenType.Date => AsInstant(token),
            _ => null,
        };
        if (instant is null) return Scalar(token);
        return new JValue(instant.Value.UtcDateTime.ToString(
            Timestamps == TimestampFormat.ReferenceText ? ReferenceFormat : IsoFormat, CultureInfo.InvariantCulture));
    }

    private static JToken TimestampToWire(JToken token)
    {
        var instant = token.Type switch
        {
            JTokenType.String => ParseIso((string?)token),
            JTokenType.Date => AsInstant(token),
            _ => null,
        };
        if (instant is null) return token.DeepClone();
        var ms = instant.Value.ToUnixTimeMilliseconds();
        return ms % 1000 == 0 ? new JValue(ms / 1000) : new JValue(ms / 1000.0);
    }

    private static DateTimeOffset? FromEpochSeconds(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero))
            : null;

    private static DateTimeOffset? ParseIso(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value)
            ? value
            : null;
}
