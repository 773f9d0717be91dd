using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.SequenceSignals;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// gd_sequence_signals: one row per element of <c>Service.Detection.Sequence.Signals</c>, none for a finding without a
/// sequence. A value the signal lacks leaves its cell out. <c>incident_id</c> is never set here: it names another
/// incident, which only linking (with SOAR's view) can know.
/// </summary>
internal static class SequenceSignalsTable
{
    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        if (SequenceNode.Of(finding)?["Signals"] is not JArray signals)
            return [];
        var rows = new List<DataTableRow>();
        foreach (var signal in signals.OfType<JObject>())
        {
            var row = new RowBuilder(timestamp);
            Set(row, C.SignalUid, ScalarText.From(signal["Uid"]));
            Set(row, C.SignalName, ScalarText.From(signal["Name"]));
            Set(row, C.SignalType, ScalarText.From(signal["Type"]));
            Set(row, C.SignalDescription, ScalarText.From(signal["Description"]));
            Set(row, C.Severity, ScalarText.From(signal["Severity"]));
            Set(row, C.Count, ScalarText.From(signal["Count"]));
            Set(row, C.FirstSeen, SequenceText.Timestamp(signal["FirstSeenAt"]));
            Set(row, C.LastSeen, SequenceText.Timestamp(signal["LastSeenAt"]));
            Set(row, C.ResourceUids, SequenceText.List(signal["ResourceUids"]));
            Set(row, C.ActorIds, SequenceText.List(signal["ActorIds"]));
            Set(row, C.EndpointIds, SequenceText.List(signal["EndpointIds"]));
            if (!row.IsEmpty)
                rows.Add(row.ToRow());
        }
        return rows;
    }

    private static void Set(RowBuilder row, string column, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            row.Set(column, value);
    }
}
