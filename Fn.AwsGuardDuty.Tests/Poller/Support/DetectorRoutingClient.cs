using System.Runtime.CompilerServices;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>
/// One region's GuardDuty seen through several real clients (one per account, each over HTTP to the emulator, which
/// allows one detector per account and region): detector-scoped calls go to the client that owns the detector. This is
/// how the tests give the poller a region with two detectors.
/// </summary>
internal sealed class DetectorRoutingClient(string region, IReadOnlyDictionary<string, IGuardDutyClient> byDetector) : IGuardDutyClient
{
    public string Region { get; } = region;

    public Uri Endpoint => byDetector.Values.First().Endpoint;

    private IGuardDutyClient For(string detectorId) =>
        byDetector.TryGetValue(detectorId, out var client) ? client : throw new ArgumentException($"No client owns detector {detectorId}.");

    public async IAsyncEnumerable<string> ListDetectorsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in byDetector.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask;
    }

    public Task<GuardDutyPage<string>> ListDetectorsPageAsync(string? nextToken = null, int maxResults = 50, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GuardDutyPage<string>(byDetector.Keys.ToList(), null));

    public Task<DetectorDetails> GetDetectorAsync(string detectorId, CancellationToken cancellationToken = default) =>
        For(detectorId).GetDetectorAsync(detectorId, cancellationToken);

    public Task<string> CreateDetectorAsync(CreateDetectorRequest? request = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The routing client does not create detectors.");

    public Task DeleteDetectorAsync(string detectorId, CancellationToken cancellationToken = default) =>
        For(detectorId).DeleteDetectorAsync(detectorId, cancellationToken);

    public IAsyncEnumerable<string> ListFindingsAsync(string detectorId, FindingCriteria? criteria = null, SortCriteria? sort = null, int pageSize = 50,
        CancellationToken cancellationToken = default) => For(detectorId).ListFindingsAsync(detectorId, criteria, sort, pageSize, cancellationToken);

    public Task<GuardDutyPage<string>> ListFindingsPageAsync(string detectorId, FindingCriteria? criteria = null, SortCriteria? sort = null,
        string? nextToken = null, int maxResults = 50, CancellationToken cancellationToken = default) =>
        For(detectorId).ListFindingsPageAsync(detectorId, criteria, sort, nextToken, maxResults, cancellationToken);

    public Task<IReadOnlyList<JObject>> GetFindingsAsync(string detectorId, IEnumerable<string> findingIds, SortCriteria? sort = null,
        CancellationToken cancellationToken = default) => For(detectorId).GetFindingsAsync(detectorId, findingIds, sort, cancellationToken);

    public Task<IReadOnlyList<string>> GetFindingsJsonAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default) =>
        For(detectorId).GetFindingsJsonAsync(detectorId, findingIds, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<JObject>> GetFindingsInBatchesAsync(string detectorId, IEnumerable<string> findingIds, SortCriteria? sort = null,
        CancellationToken cancellationToken = default) => For(detectorId).GetFindingsInBatchesAsync(detectorId, findingIds, sort, cancellationToken);

    public Task ArchiveFindingsAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default) =>
        For(detectorId).ArchiveFindingsAsync(detectorId, findingIds, cancellationToken);

    public Task UnarchiveFindingsAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default) =>
        For(detectorId).UnarchiveFindingsAsync(detectorId, findingIds, cancellationToken);

    public Task UpdateFindingsFeedbackAsync(string detectorId, IEnumerable<string> findingIds, FindingFeedback feedback, string? comments = null,
        CancellationToken cancellationToken = default) => For(detectorId).UpdateFindingsFeedbackAsync(detectorId, findingIds, feedback, comments, cancellationToken);

    public Task<JObject> GetFindingsStatisticsAsync(string detectorId, FindingStatisticsRequest request, CancellationToken cancellationToken = default) =>
        For(detectorId).GetFindingsStatisticsAsync(detectorId, request, cancellationToken);

    public Task CreateSampleFindingsAsync(string detectorId, IEnumerable<string>? findingTypes = null, CancellationToken cancellationToken = default) =>
        For(detectorId).CreateSampleFindingsAsync(detectorId, findingTypes, cancellationToken);

    public IAsyncEnumerable<string> ListThreatListsAsync(ThreatListKind kind, string detectorId, CancellationToken cancellationToken = default) =>
        For(detectorId).ListThreatListsAsync(kind, detectorId, cancellationToken);

    public Task<GuardDutyPage<string>> ListThreatListsPageAsync(ThreatListKind kind, string detectorId, string? nextToken = null, int maxResults = 50,
        CancellationToken cancellationToken = default) => For(detectorId).ListThreatListsPageAsync(kind, detectorId, nextToken, maxResults, cancellationToken);

    public Task<ThreatListDetails> GetThreatListAsync(ThreatListKind kind, string detectorId, string id, CancellationToken cancellationToken = default) =>
        For(detectorId).GetThreatListAsync(kind, detectorId, id, cancellationToken);

    public Task<string> CreateThreatListAsync(ThreatListKind kind, string detectorId, CreateThreatListRequest request,
        CancellationToken cancellationToken = default) => For(detectorId).CreateThreatListAsync(kind, detectorId, request, cancellationToken);

    public Task UpdateThreatListAsync(ThreatListKind kind, string detectorId, string id, UpdateThreatListRequest request,
        CancellationToken cancellationToken = default) => For(detectorId).UpdateThreatListAsync(kind, detectorId, id, request, cancellationToken);

    public Task DeleteThreatListAsync(ThreatListKind kind, string detectorId, string id, CancellationToken cancellationToken = default) =>
        For(detectorId).DeleteThreatListAsync(kind, detectorId, id, cancellationToken);

    public Task<JObject> CreateFilterAsync(string detectorId, FilterRequest request, CancellationToken cancellationToken = default) =>
        For(detectorId).CreateFilterAsync(detectorId, request, cancellationToken);

    public Task<JObject> GetFilterAsync(string detectorId, string filterName, CancellationToken cancellationToken = default) =>
        For(detectorId).GetFilterAsync(detectorId, filterName, cancellationToken);

    public Task<JObject> UpdateFilterAsync(string detectorId, string filterName, FilterRequest request, CancellationToken cancellationToken = default) =>
        For(detectorId).UpdateFilterAsync(detectorId, filterName, request, cancellationToken);

    public Task DeleteFilterAsync(string detectorId, string filterName, CancellationToken cancellationToken = default) =>
        For(detectorId).DeleteFilterAsync(detectorId, filterName, cancellationToken);

    public Task<JObject> ListFiltersPageAsync(string detectorId, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default) =>
        For(detectorId).ListFiltersPageAsync(detectorId, nextToken, maxResults, cancellationToken);

    public Task<JObject> ListMembersPageAsync(string detectorId, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default) =>
        For(detectorId).ListMembersPageAsync(detectorId, nextToken, maxResults, cancellationToken);

    public Task<JObject> ListCoveragePageAsync(string detectorId, JObject? filterCriteria = null, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default) =>
        For(detectorId).ListCoveragePageAsync(detectorId, filterCriteria, nextToken, maxResults, cancellationToken);

    public Task<JObject> GetCoverageStatisticsAsync(string detectorId, CancellationToken cancellationToken = default) =>
        For(detectorId).GetCoverageStatisticsAsync(detectorId, cancellationToken);

    // The malware operations name no detector; any detector's client of the region serves them.
    public Task<JObject> StartMalwareScanAsync(string resourceArn, CancellationToken cancellationToken = default) =>
        byDetector.Values.First().StartMalwareScanAsync(resourceArn, cancellationToken);

    public Task<JObject> GetMalwareScanAsync(string scanId, CancellationToken cancellationToken = default) =>
        byDetector.Values.First().GetMalwareScanAsync(scanId, cancellationToken);

    public Task<JObject> SendObjectMalwareScanAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        byDetector.Values.First().SendObjectMalwareScanAsync(bucket, key, cancellationToken);
}
