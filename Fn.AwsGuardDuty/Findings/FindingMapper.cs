using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Maps a GuardDuty finding (boto3's PascalCase shape, guardduty-app.md §3) to a SOAR incident: payload,
/// properties, artifacts, note and the data tables (the reference's six and the two attack-sequence tables). Pure: no I/O; the clock is the injected
/// <see cref="TimeProvider"/>. Thread-safe. Parse findings with <c>DateParseHandling.None</c>.
/// </summary>
public sealed class FindingMapper
{
    private const string DefaultDescription = "AWS GuardDuty finding --";

    private readonly TimeProvider _time;
    private readonly FindingMapperOptions _options;

    public FindingMapper(TimeProvider timeProvider, FindingMapperOptions? options = null)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new FindingMapperOptions();
        _options.Validate();
    }

    /// <summary>Maps a finding for a new incident.</summary>
    /// <param name="listedBy">
    /// The detector the finding was read through, when known. An administrator's detector lists its member accounts'
    /// findings, which keep their own Service.DetectorId; the incident's <c>aws_guardduty_detector_id</c> names the
    /// detector it was read through, so the poller finds the incident again and the functions act through that detector
    /// (extensions.md §A). The note keeps the finding as GuardDuty sent it.
    /// </param>
    /// <exception cref="InvalidFindingException">The finding has no Id, Type or Service.DetectorId.</exception>
    public MappedFinding Map(JObject finding, string region, string? listedBy = null) =>
        MapCore(finding, region, refresh: false, existingArtifacts: null, listedBy);

    /// <summary>
    /// Maps a finding for the refresh function: the note gets the refresh heading and artifacts the incident
    /// already has (same type and value) are left out.
    /// </summary>
    /// <exception cref="InvalidFindingException">The finding has no Id, Type or Service.DetectorId.</exception>
    public MappedFinding MapForRefresh(JObject finding, string region, IEnumerable<ExistingArtifact>? existingArtifacts, string? listedBy = null) =>
        MapCore(finding, region, refresh: true, existingArtifacts ?? [], listedBy);

    private MappedFinding MapCore(JObject finding, string region, bool refresh, IEnumerable<ExistingArtifact>? existingArtifacts, string? listedBy)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (string.IsNullOrWhiteSpace(region))
            throw new ArgumentException("The region the finding was read from is required.", nameof(region));

        var normalized = FindingNormalizer.Normalize(finding);
        var identity = Identify(normalized, region);
        if (!string.IsNullOrWhiteSpace(listedBy)) identity = identity with { DetectorId = listedBy };
        var timestamp = _time.GetLocalNow().ToString(ScalarText.TimestampFormat, CultureInfo.InvariantCulture);

        var found = ArtifactExtractor.Extract(normalized);
        var artifacts = existingArtifacts is null ? found : ArtifactExtractor.ExcludeExisting(found, existingArtifacts);

        return new MappedFinding(
            identity,
            region,
            timestamp,
            refresh,
            normalized,
            BuildPayload(finding, normalized, identity),
            artifacts,
            found.Count,
            NoteBuilder.Build(normalized, refresh, _options.NoteMaxBytes),
            BuildTables(normalized, finding, timestamp));
    }

    private static FindingIdentity Identify(JObject finding, string region)
    {
        var id = ScalarText.From(finding["Id"]);
        var type = ScalarText.From(finding["Type"]);
        var detectorId = ScalarText.From(FindingSearch.Node(finding, "Service", "DetectorId"));
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(id))
            missing.Add("Id");
        if (string.IsNullOrWhiteSpace(type))
            missing.Add("Type");
        if (string.IsNullOrWhiteSpace(detectorId))
            missing.Add("Service.DetectorId");
        if (missing.Count > 0)
        {
            var which = string.IsNullOrWhiteSpace(id) ? "A GuardDuty finding" : $"GuardDuty finding '{id}'";
            throw new InvalidFindingException($"{which} cannot be mapped: it has no {string.Join(", ", missing)}.");
        }
        return new FindingIdentity(id!, detectorId!, PropertyRegion(finding, region));
    }

    // The reference overrides the finding's Region with the polled region when they differ.
    private static string PropertyRegion(JObject finding, string region)
    {
        var findingRegion = ScalarText.From(finding["Region"]);
        return findingRegion == region ? findingRegion : region;
    }

    private static IncidentPayload BuildPayload(JObject original, JObject finding, FindingIdentity identity)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in IncidentFields.Mapped)
            properties[field.Name] = ScalarText.From(FindingSearch.Node(finding, field.SourcePath.Cast<object>().ToArray()));
        properties[IncidentFields.Region] = identity.Region;
        properties[IncidentFields.DetectorId] = identity.DetectorId;

        var createdAt = ScalarText.From(finding["CreatedAt"]);
        var title = ScalarText.From(finding["Title"]);
        var name = "AWS GuardDuty: " + (string.IsNullOrEmpty(title)
            ? $"No Title Provided, Create date : {createdAt ?? "unknown"}."
            : title);
        var description = ScalarText.From(finding["Description"]);

        return new IncidentPayload(
            name,
            string.IsNullOrEmpty(description) ? DefaultDescription : description,
            EpochMilliseconds(original["CreatedAt"]),
            SeverityMapping.ToSeverityCode(finding["Severity"]),
            properties);
    }

    private static long? EpochMilliseconds(JToken? createdAt)
    {
        switch (createdAt?.Type)
        {
            case JTokenType.Date when createdAt is JValue { Value: DateTimeOffset dto }:
                return dto.ToUnixTimeMilliseconds();
            case JTokenType.Date when createdAt is JValue { Value: DateTime dt }:
                return new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc))
                    .ToUnixTimeMilliseconds();
            case JTokenType.String when DateTimeOffset.TryParse((string?)createdAt, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                return parsed.ToUnixTimeMilliseconds();
            default:
                return null;
        }
    }

    // The sequence tables read the caller's finding: the normaliser's "yyyy-MM-dd HH:mm:ss" would cut the milliseconds
    // off a signal timestamp that arrived as a date token, and those columns are ISO 8601 with milliseconds.
    private static IReadOnlyList<DataTableData> BuildTables(JObject finding, JObject original, string timestamp) =>
    [
        new(DataTables.FindingOverview.Name, FindingOverviewTable.Build(finding, timestamp)),
        new(DataTables.ActionDetails.Name, ActionDetailsTable.Build(finding, timestamp)),
        new(DataTables.ResourceAffected.Name, ResourceAffectedTable.Build(finding, timestamp)),
        new(DataTables.S3BucketDetails.Name, S3BucketDetailsTable.Build(finding, timestamp)),
        new(DataTables.InstanceDetails.Name, InstanceDetailsTable.Build(finding, timestamp)),
        new(DataTables.AccessKeyDetails.Name, AccessKeyDetailsTable.Build(finding, timestamp)),
        new(DataTables.SequenceSignals.Name, SequenceSignalsTable.Build(original, timestamp)),
        new(DataTables.SequenceIndicators.Name, SequenceIndicatorsTable.Build(original, timestamp)),
    ];
}
