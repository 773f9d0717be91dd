using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.SequenceIndicators;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>gd_sequence_indicators: one row per element of <c>Service.Detection.Sequence.SequenceIndicators</c>.</summary>
internal static class SequenceIndicatorsTable
{
    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        if (SequenceNode.Of(finding)?["SequenceIndicators"] is not JArray indicators)
            return [];
        var rows = new List<DataTableRow>();
        foreach (var indicator in indicators.OfType<JObject>())
        {
            var row = new RowBuilder(timestamp);
            if (ScalarText.From(indicator["Key"]) is { Length: > 0 } key)
                row.Set(C.IndicatorKey, key);
            if (ScalarText.From(indicator["Title"]) is { Length: > 0 } title)
                row.Set(C.IndicatorTitle, title);
            if (SequenceText.List(indicator["Values"]) is { } values)
                row.Set(C.IndicatorValues, values);
            if (!row.IsEmpty)
                rows.Add(row.ToRow());
        }
        return rows;
    }
}
