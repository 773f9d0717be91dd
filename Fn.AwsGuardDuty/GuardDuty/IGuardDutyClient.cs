using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty;

/// <summary>
/// The GuardDuty operations of one region (wire spec §2). Findings are returned as wire JSON (camelCase); turn them
/// into the boto3 shape with <see cref="Conversion.FindingConverter"/>. Every call retries transient faults and raises a
/// <see cref="Errors.GuardDutyException"/> subtype otherwise.
/// </summary>
public interface IGuardDutyClient
{
    /// <summary>The region every call is signed for.</summary>
    string Region { get; }

    /// <summary>The base URL calls go to (the partition's endpoint, FIPS, or the override).</summary>
    Uri Endpoint { get; }

    /// <summary>All detector ids of the region, every page.</summary>
    IAsyncEnumerable<string> ListDetectorsAsync(CancellationToken cancellationToken = default);

    Task<GuardDutyPage<string>> ListDetectorsPageAsync(string? nextToken = null, int maxResults = 50,
        CancellationToken cancellationToken = default);

    Task<DetectorDetails> GetDetectorAsync(string detectorId, CancellationToken cancellationToken = default);

    /// <summary>Creates a detector and returns its id.</summary>
    Task<string> CreateDetectorAsync(CreateDetectorRequest? request = null, CancellationToken cancellationToken = default);

    Task DeleteDetectorAsync(string detectorId, CancellationToken cancellationToken = default);

    /// <summary>All finding ids that match, every page (replaying the same criteria and sort with each token).</summary>
    IAsyncEnumerable<string> ListFindingsAsync(string detectorId, FindingCriteria? criteria = null, SortCriteria? sort = null,
        int pageSize = 50, CancellationToken cancellationToken = default);

    /// <summary>One page of ListFindings, for callers that keep the token themselves.</summary>
    Task<GuardDutyPage<string>> ListFindingsPageAsync(string detectorId, FindingCriteria? criteria = null,
        SortCriteria? sort = null, string? nextToken = null, int maxResults = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// The findings (wire JSON) for the given ids, asked for in batches of 50 in the order given (duplicates dropped).
    /// Ids the service does not know are simply absent. <paramref name="sort"/> orders each batch, not the whole result.
    /// </summary>
    Task<IReadOnlyList<JObject>> GetFindingsAsync(string detectorId, IEnumerable<string> findingIds, SortCriteria? sort = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Same as <see cref="GetFindingsAsync"/>, each finding as its JSON text exactly as the service sent it, with no
    /// token tree built: for a caller that keeps many findings, or looks at most of them only briefly.
    /// </summary>
    Task<IReadOnlyList<string>> GetFindingsJsonAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default);

    /// <summary>Same as <see cref="GetFindingsAsync"/> but yields each batch as it arrives, so large id sets are streamed.</summary>
    IAsyncEnumerable<IReadOnlyList<JObject>> GetFindingsInBatchesAsync(string detectorId, IEnumerable<string> findingIds,
        SortCriteria? sort = null, CancellationToken cancellationToken = default);

    /// <summary>Archives in batches of 50. If a later batch fails, the earlier ones stay archived.</summary>
    Task ArchiveFindingsAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default);

    /// <summary>Unarchives in batches of 50.</summary>
    Task UnarchiveFindingsAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default);

    /// <summary>Marks findings USEFUL / NOT_USEFUL in batches of 50.</summary>
    Task UpdateFindingsFeedbackAsync(string detectorId, IEnumerable<string> findingIds, FindingFeedback feedback,
        string? comments = null, CancellationToken cancellationToken = default);

    /// <summary>The <c>findingStatistics</c> object of the response (wire JSON).</summary>
    Task<JObject> GetFindingsStatisticsAsync(string detectorId, FindingStatisticsRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Generates sample findings; no types (null or empty) means one of every type.</summary>
    Task CreateSampleFindingsAsync(string detectorId, IEnumerable<string>? findingTypes = null,
        CancellationToken cancellationToken = default);

    /// <summary>All IPSet or ThreatIntelSet ids of the detector, every page.</summary>
    IAsyncEnumerable<string> ListThreatListsAsync(ThreatListKind kind, string detectorId, CancellationToken cancellationToken = default);

    Task<GuardDutyPage<string>> ListThreatListsPageAsync(ThreatListKind kind, string detectorId, string? nextToken = null,
        int maxResults = 50, CancellationToken cancellationToken = default);

    Task<ThreatListDetails> GetThreatListAsync(ThreatListKind kind, string detectorId, string id,
        CancellationToken cancellationToken = default);

    /// <summary>Creates an IPSet/ThreatIntelSet and returns its id.</summary>
    Task<string> CreateThreatListAsync(ThreatListKind kind, string detectorId, CreateThreatListRequest request,
        CancellationToken cancellationToken = default);

    Task UpdateThreatListAsync(ThreatListKind kind, string detectorId, string id, UpdateThreatListRequest request,
        CancellationToken cancellationToken = default);

    Task DeleteThreatListAsync(ThreatListKind kind, string detectorId, string id, CancellationToken cancellationToken = default);

    /// <summary>CreateFilter; the wire response (<c>{"name"}</c>).</summary>
    Task<JObject> CreateFilterAsync(string detectorId, FilterRequest request, CancellationToken cancellationToken = default);

    /// <summary>GetFilter; the wire response.</summary>
    Task<JObject> GetFilterAsync(string detectorId, string filterName, CancellationToken cancellationToken = default);

    /// <summary>UpdateFilter, sending only the members given; the wire response (<c>{"name"}</c>).</summary>
    Task<JObject> UpdateFilterAsync(string detectorId, string filterName, FilterRequest request, CancellationToken cancellationToken = default);

    Task DeleteFilterAsync(string detectorId, string filterName, CancellationToken cancellationToken = default);

    /// <summary>One page of ListFilters; the wire response (<c>{"filterNames","nextToken"}</c>).</summary>
    Task<JObject> ListFiltersPageAsync(string detectorId, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default);

    /// <summary>One page of ListMembers (associated members only, as the service defaults); the wire response.</summary>
    Task<JObject> ListMembersPageAsync(string detectorId, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default);

    /// <summary>One page of ListCoverage; <paramref name="filterCriteria"/> in wire form, null for all. The wire response.</summary>
    Task<JObject> ListCoveragePageAsync(string detectorId, JObject? filterCriteria = null, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default);

    /// <summary>GetCoverageStatistics with both statistics types; the wire response.</summary>
    Task<JObject> GetCoverageStatisticsAsync(string detectorId, CancellationToken cancellationToken = default);

    /// <summary>StartMalwareScan of a resource (e.g. an EC2 instance ARN); the wire response (<c>{"scanId"}</c>).</summary>
    Task<JObject> StartMalwareScanAsync(string resourceArn, CancellationToken cancellationToken = default);

    /// <summary>GetMalwareScan; the wire response.</summary>
    Task<JObject> GetMalwareScanAsync(string scanId, CancellationToken cancellationToken = default);

    /// <summary>SendObjectMalwareScan of one S3 object (Malware Protection for S3); the wire response.</summary>
    Task<JObject> SendObjectMalwareScanAsync(string bucket, string key, CancellationToken cancellationToken = default);
}
