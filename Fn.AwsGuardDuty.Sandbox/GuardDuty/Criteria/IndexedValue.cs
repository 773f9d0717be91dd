using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// One scalar of a finding, detached from the JSON tree and small enough to keep for every stored finding.
/// Timestamp strings also carry their epoch milliseconds, computed once.
/// </summary>
internal readonly record struct IndexedValue(JTokenType Type, string? Text, long Integer, double Real, bool Boolean, bool HasEpoch)
{
    public static IndexedValue From(JValue value, bool isTimestamp) => value.Type switch
    {
        JTokenType.Boolean => new IndexedValue(JTokenType.Boolean, null, 0, 0, (bool)value!, false),
        JTokenType.Integer when value.Value is long integer => new IndexedValue(JTokenType.Integer, null, integer, 0, false, false),
        JTokenType.Float => new IndexedValue(JTokenType.Float, null, 0, (double)value!, false, false),
        _ => FromText(Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", isTimestamp),
    };

    private static IndexedValue FromText(string text, bool isTimestamp) =>
        isTimestamp && IsoTimestamp.TryParseEpochMilliseconds(text, out var epoch)
            ? new IndexedValue(JTokenType.String, text, epoch, 0, false, true)
            : new IndexedValue(JTokenType.String, text, 0, 0, false, false);
}
