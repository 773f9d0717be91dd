using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>A finding's sort key: missing values first, then numbers (timestamps as epoch ms), then text.</summary>
internal readonly record struct SortValue(int Kind, decimal Number, string Text) : IComparable<SortValue>
{
    public const int MissingKind = 0;
    public const int NumberKind = 1;
    public const int TextKind = 2;

    public static SortValue Missing { get; } = new(MissingKind, 0, "");

    public static SortValue Of(StoredFinding finding, string path, bool isTimestamp)
    {
        var values = finding.Values(path);
        if (values.Count == 0)
        {
            return Missing;
        }

        var first = values[0];
        if ((first.Type is JTokenType.Integer or JTokenType.Float || isTimestamp)
            && FindingValues.TryNumber(first, isTimestamp, out var number))
        {
            return new SortValue(NumberKind, number, "");
        }

        return new SortValue(TextKind, 0, FindingValues.Text(first));
    }

    public int CompareTo(SortValue other)
    {
        var byKind = Kind.CompareTo(other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        return Kind == NumberKind ? Number.CompareTo(other.Number) : string.CompareOrdinal(Text, other.Text);
    }

    /// <summary>The number travels as text so a cursor round-trips exactly (no double in between).</summary>
    public JObject ToJson() => new() { ["k"] = Kind, ["n"] = Number.ToString(CultureInfo.InvariantCulture), ["t"] = Text };

    public static SortValue FromJson(JToken token)
    {
        var kind = token.Value<int>("k");
        if (kind is < MissingKind or > TextKind)
        {
            throw new FormatException("Unknown sort value kind.");
        }

        var number = decimal.Parse(token.Value<string>("n") ?? "", NumberStyles.Float, CultureInfo.InvariantCulture);
        return new SortValue(kind, number, token.Value<string>("t") ?? "");
    }
}
