using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Everything the mapper derives from one finding. <see cref="Artifacts"/> are the artifacts to add (on a
/// refresh, only those the incident lacks); <see cref="ArtifactValuesFound"/> counts all found before that.
/// <see cref="Finding"/> is the normalised copy written into the note and the refresh content.
/// </summary>
public sealed record MappedFinding(
    FindingIdentity Identity,
    string Region,
    string Timestamp,
    bool IsRefresh,
    JObject Finding,
    IncidentPayload Payload,
    IReadOnlyList<IncidentArtifact> Artifacts,
    int ArtifactValuesFound,
    FindingNote Note,
    IReadOnlyList<DataTableData> DataTables)
{
    /// <summary>
    /// The incident payload: name, description, discovered_date (left out when unknown), severity_code,
    /// properties, artifacts (left out when the finding has no artifact values, as the reference) and comments
    /// (the note, or empty when <paramref name="includeNote"/> is false).
    /// </summary>
    public JObject ToIncidentPayloadJson(bool includeNote = true)
    {
        var payload = new JObject
        {
            [IncidentPayloadFields.Name] = Payload.Name,
            [IncidentPayloadFields.Description] = new JObject
            {
                ["format"] = "text",
                ["content"] = Payload.Description,
            },
        };
        if (Payload.DiscoveredDate is { } discovered)
            payload[IncidentPayloadFields.DiscoveredDate] = discovered;
        payload[IncidentPayloadFields.SeverityCode] = Payload.SeverityCode;
        payload[IncidentPayloadFields.Properties] = Payload.PropertiesToJson();
        if (ArtifactValuesFound > 0)
            payload[IncidentPayloadFields.Artifacts] = ArtifactsToJson();
        payload[IncidentPayloadFields.Comments] = includeNote ? new JArray(Note.ToJson()) : new JArray();
        return payload;
    }

    /// <summary>The tables (<see cref="Findings.DataTables.All"/> order), each a list of <c>{"cells":…}</c> rows.</summary>
    public JObject ToDataTablesJson()
    {
        var tables = new JObject();
        foreach (var table in DataTables)
            tables.Add(table.Table, new JArray(table.Rows.Select(r => r.ToJson())));
        return tables;
    }

    public JArray ArtifactsToJson() => new(Artifacts.Select(a => a.ToJson()));

    /// <summary>
    /// The refresh function's content (guardduty-app.md §3.7, §4.3): timestamp, finding, region, payload (with
    /// no comments, since the function posts the note itself), data_tables, and artifacts (the new ones, also
    /// at the top level because the refresh playbook script reads <c>CONTENT.artifacts</c>).
    /// </summary>
    public JObject ToRefreshContentJson() => new()
    {
        [RefreshContentFields.Timestamp] = Timestamp,
        [RefreshContentFields.Finding] = Finding.DeepClone(),
        [RefreshContentFields.Region] = Region,
        [RefreshContentFields.Payload] = ToIncidentPayloadJson(includeNote: false),
        [RefreshContentFields.DataTables] = ToDataTablesJson(),
        [RefreshContentFields.Artifacts] = ArtifactsToJson(),
    };
}
