using System.Runtime.CompilerServices;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty;

/// <summary>GuardDuty rest-json operations for one region. Made by <see cref="GuardDutyClientFactory"/>; thread-safe.</summary>
public sealed class GuardDutyClient : IGuardDutyClient
{
    /// <summary>GetFindings, ArchiveFindings, UnarchiveFindings and UpdateFindingsFeedback take at most this many ids.</summary>
    public const int MaxIdsPerCall = 50;

    /// <summary>ListDetectors/ListFindings/ListIPSets/ListThreatIntelSets return at most this many ids per page.</summary>
    public const int MaxPageSize = 50;

    private readonly GuardDutyTransport _transport;

    internal GuardDutyClient(string region, Uri endpoint, GuardDutyTransport transport)
    {
        Region = region;
        Endpoint = endpoint;
        _transport = transport;
    }

    public string Region { get; }

    public Uri Endpoint { get; }

    public IAsyncEnumerable<string> ListDetectorsAsync(CancellationToken cancellationToken = default) =>
        AllPages((token, ct) => ListDetectorsPageAsync(token, MaxPageSize, ct), cancellationToken);

    public async Task<GuardDutyPage<string>> ListDetectorsPageAsync(string? nextToken = null, int maxResults = 50,
        CancellationToken cancellationToken = default)
    {
        var json = await Send("ListDetectors", HttpMethod.Get, "/detector", PageQuery(nextToken, maxResults), null, cancellationToken)
            .ConfigureAwait(false);
        return new GuardDutyPage<string>(WireValues.StringList(json["detectorIds"]), WireValues.NextToken(json));
    }

    public async Task<DetectorDetails> GetDetectorAsync(string detectorId, CancellationToken cancellationToken = default)
    {
        var json = await Send("GetDetector", HttpMethod.Get, DetectorPath(detectorId), null, null, cancellationToken)
            .ConfigureAwait(false);
        return DetectorDetails.FromWire(detectorId, json);
    }

    public async Task<string> CreateDetectorAsync(CreateDetectorRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new CreateDetectorRequest();
        var body = new JObject
        {
            ["enable"] = request.Enable,
            ["clientToken"] = request.ClientToken ?? Guid.NewGuid().ToString(),
        };
        if (request.FindingPublishingFrequency is not null) body["findingPublishingFrequency"] = request.FindingPublishingFrequency;
        if (request.Tags is { Count: > 0 }) body["tags"] = JObject.FromObject(request.Tags);
        var json = await Send("CreateDetector", HttpMethod.Post, "/detector", null, body, cancellationToken).ConfigureAwait(false);
        return RequiredString(json, "detectorId", "CreateDetector");
    }

    public Task DeleteDetectorAsync(string detectorId, CancellationToken cancellationToken = default) =>
        Send("DeleteDetector", HttpMethod.Delete, DetectorPath(detectorId), null, null, cancellationToken);

    public IAsyncEnumerable<string> ListFindingsAsync(string detectorId, FindingCriteria? criteria = null, SortCriteria? sort = null,
        int pageSize = 50, CancellationToken cancellationToken = default)
    {
        CheckPageSize(pageSize);
        CheckId(detectorId, nameof(detectorId));
        return AllPages((token, ct) => ListFindingsPageAsync(detectorId, criteria, sort, token, pageSize, ct), cancellationToken);
    }

    public async Task<GuardDutyPage<string>> ListFindingsPageAsync(string detectorId, FindingCriteria? criteria = null,
        SortCriteria? sort = null, string? nextToken = null, int maxResults = 50, CancellationToken cancellationToken = default)
    {
        CheckPageSize(maxResults);
        var body = new JObject { ["maxResults"] = maxResults };
        if (criteria is { IsEmpty: false }) body["findingCriteria"] = criteria.ToJson();
        if (sort is not null) body["sortCriteria"] = sort.ToJson();
        if (!string.IsNullOrEmpty(nextToken)) body["nextToken"] = nextToken;
        var json = await Send("ListFindings", HttpMethod.Post, DetectorPath(detectorId) + "/findings", null, body, cancellationToken)
            .ConfigureAwait(false);
        return new GuardDutyPage<string>(WireValues.StringList(json["findingIds"]), WireValues.NextToken(json));
    }

    public async Task<IReadOnlyList<JObject>> GetFindingsAsync(string detectorId, IEnumerable<string> findingIds,
        SortCriteria? sort = null, CancellationToken cancellationToken = default)
    {
        var all = new List<JObject>();
        await foreach (var batch in GetFindingsInBatchesAsync(detectorId, findingIds, sort, cancellationToken).ConfigureAwait(false))
            all.AddRange(batch);
        return all;
    }

    public async IAsyncEnumerable<IReadOnlyList<JObject>> GetFindingsInBatchesAsync(string detectorId, IEnumerable<string> findingIds,
        SortCriteria? sort = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var batch in Batches(findingIds))
        {
            var json = await _transport.SendAsync(Endpoint, GetFindingsRequest(detectorId, batch, sort), cancellationToken).ConfigureAwait(false);
            yield return json["findings"] is JArray findings ? findings.OfType<JObject>().ToList() : [];
        }
    }

    public async Task<IReadOnlyList<string>> GetFindingsJsonAsync(string detectorId, IEnumerable<string> findingIds,
        CancellationToken cancellationToken = default)
    {
        var all = new List<string>();
        foreach (var batch in Batches(findingIds))
        {
            all.AddRange(await _transport.SendAsync(Endpoint, GetFindingsRequest(detectorId, batch, null), FindingTexts.Read, cancellationToken)
                .ConfigureAwait(false));
        }

        return all;
    }

    private GuardDutyRequest GetFindingsRequest(string detectorId, string[] batch, SortCriteria? sort)
    {
        var body = new JObject { ["findingIds"] = new JArray(batch) };
        if (sort is not null) body["sortCriteria"] = sort.ToJson();
        return new GuardDutyRequest("GetFindings", Region, HttpMethod.Post, DetectorPath(detectorId) + "/findings/get", null, body);
    }

    public Task ArchiveFindingsAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default) =>
        ForEachBatch("ArchiveFindings", DetectorPath(detectorId) + "/findings/archive", findingIds, null, cancellationToken);

    public Task UnarchiveFindingsAsync(string detectorId, IEnumerable<string> findingIds, CancellationToken cancellationToken = default) =>
        ForEachBatch("UnarchiveFindings", DetectorPath(detectorId) + "/findings/unarchive", findingIds, null, cancellationToken);

    public Task UpdateFindingsFeedbackAsync(string detectorId, IEnumerable<string> findingIds, FindingFeedback feedback,
        string? comments = null, CancellationToken cancellationToken = default) =>
        ForEachBatch("UpdateFindingsFeedback", DetectorPath(detectorId) + "/findings/feedback", findingIds, body =>
        {
            body["feedback"] = feedback switch
            {
                FindingFeedback.Useful => "USEFUL",
                FindingFeedback.NotUseful => "NOT_USEFUL",
                _ => throw new ArgumentOutOfRangeException(nameof(feedback)),
            };
            if (!string.IsNullOrEmpty(comments)) body["comments"] = comments;
        }, cancellationToken);

    public async Task<JObject> GetFindingsStatisticsAsync(string detectorId, FindingStatisticsRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hasTypes = request.FindingStatisticTypes is { Count: > 0 };
        if (hasTypes == !string.IsNullOrWhiteSpace(request.GroupBy))
            throw new ArgumentException("GetFindingsStatistics takes either GroupBy or FindingStatisticTypes, exactly one of them.");
        if (request.MaxResults is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(request), "MaxResults must be 1 to 100.");
        if (hasTypes && (request.OrderBy is not null || request.MaxResults is not null))
            throw new ArgumentException("OrderBy and MaxResults only apply with GroupBy.");
        var body = new JObject();
        if (hasTypes) body["findingStatisticTypes"] = new JArray(request.FindingStatisticTypes!);
        if (!string.IsNullOrWhiteSpace(request.GroupBy)) body["groupBy"] = request.GroupBy;
        if (request.OrderBy is { } order) body["orderBy"] = order == SortOrder.Ascending ? "ASC" : "DESC";
        if (request.MaxResults is { } max) body["maxResults"] = max;
        if (request.Criteria is { IsEmpty: false }) body["findingCriteria"] = request.Criteria.ToJson();
        var json = await Send("GetFindingsStatistics", HttpMethod.Post, DetectorPath(detectorId) + "/findings/statistics", null, body,
            cancellationToken).ConfigureAwait(false);
        return json["findingStatistics"] as JObject ?? new JObject();
    }

    public Task CreateSampleFindingsAsync(string detectorId, IEnumerable<string>? findingTypes = null,
        CancellationToken cancellationToken = default)
    {
        var types = findingTypes?.ToList() ?? [];
        if (types.Count > MaxIdsPerCall) throw new ArgumentException($"CreateSampleFindings takes at most {MaxIdsPerCall} types.");
        if (types.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A finding type is empty.");
        var body = new JObject();
        if (types.Count > 0) body["findingTypes"] = new JArray(types);
        return Send("CreateSampleFindings", HttpMethod.Post, DetectorPath(detectorId) + "/findings/create", null, body, cancellationToken);
    }

    public IAsyncEnumerable<string> ListThreatListsAsync(ThreatListKind kind, string detectorId,
        CancellationToken cancellationToken = default)
    {
        CheckId(detectorId, nameof(detectorId));
        return AllPages((token, ct) => ListThreatListsPageAsync(kind, detectorId, token, MaxPageSize, ct), cancellationToken);
    }

    public async Task<GuardDutyPage<string>> ListThreatListsPageAsync(ThreatListKind kind, string detectorId, string? nextToken = null,
        int maxResults = 50, CancellationToken cancellationToken = default)
    {
        var names = ThreatListNames.Of(kind);
        var json = await Send(names.ListOperation, HttpMethod.Get, DetectorPath(detectorId) + names.Segment,
            PageQuery(nextToken, maxResults), null, cancellationToken).ConfigureAwait(false);
        return new GuardDutyPage<string>(WireValues.StringList(json[names.IdsMember]), WireValues.NextToken(json));
    }

    public async Task<ThreatListDetails> GetThreatListAsync(ThreatListKind kind, string detectorId, string id,
        CancellationToken cancellationToken = default)
    {
        var names = ThreatListNames.Of(kind);
        var json = await Send(names.GetOperation, HttpMethod.Get, ThreatListPath(names, detectorId, id), null, null, cancellationToken)
            .ConfigureAwait(false);
        return ThreatListDetails.FromWire(json);
    }

    public async Task<string> CreateThreatListAsync(ThreatListKind kind, string detectorId, CreateThreatListRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name)) throw new ArgumentException("A name is required.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Format)) throw new ArgumentException("A format is required.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Location)) throw new ArgumentException("A location is required.", nameof(request));
        var names = ThreatListNames.Of(kind);
        var body = new JObject
        {
            ["name"] = request.Name,
            ["format"] = request.Format,
            ["location"] = request.Location,
            ["activate"] = request.Activate,
            ["clientToken"] = request.ClientToken ?? Guid.NewGuid().ToString(),
        };
        if (request.Tags is { Count: > 0 }) body["tags"] = JObject.FromObject(request.Tags);
        if (request.ExpectedBucketOwner is not null) body["expectedBucketOwner"] = request.ExpectedBucketOwner;
        var json = await Send(names.CreateOperation, HttpMethod.Post, DetectorPath(detectorId) + names.Segment, null, body,
            cancellationToken).ConfigureAwait(false);
        return RequiredString(json, names.IdMember, names.CreateOperation);
    }

    public Task UpdateThreatListAsync(ThreatListKind kind, string detectorId, string id, UpdateThreatListRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = ThreatListNames.Of(kind);
        var body = new JObject();
        if (request.Name is not null) body["name"] = request.Name;
        if (request.Location is not null) body["location"] = request.Location;
        if (request.Activate is { } activate) body["activate"] = activate;
        if (request.ExpectedBucketOwner is not null) body["expectedBucketOwner"] = request.ExpectedBucketOwner;
        return Send(names.UpdateOperation, HttpMethod.Post, ThreatListPath(names, detectorId, id), null, body, cancellationToken);
    }

    public Task DeleteThreatListAsync(ThreatListKind kind, string detectorId, string id, CancellationToken cancellationToken = default)
    {
        var names = ThreatListNames.Of(kind);
        return Send(names.DeleteOperation, HttpMethod.Delete, ThreatListPath(names, detectorId, id), null, null, cancellationToken);
    }

    public Task<JObject> CreateFilterAsync(string detectorId, FilterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name)) throw new ArgumentException("A filter name is required.", nameof(request));
        if (request.Criteria is null) throw new ArgumentException("Finding criteria are required.", nameof(request));
        var body = FilterBody(request);
        body["name"] = request.Name;
        body["clientToken"] = Guid.NewGuid().ToString();
        return Send("CreateFilter", HttpMethod.Post, DetectorPath(detectorId) + "/filter", null, body, cancellationToken);
    }

    public Task<JObject> GetFilterAsync(string detectorId, string filterName, CancellationToken cancellationToken = default) =>
        Send("GetFilter", HttpMethod.Get, FilterPath(detectorId, filterName), null, null, cancellationToken);

    public Task<JObject> UpdateFilterAsync(string detectorId, string filterName, FilterRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Send("UpdateFilter", HttpMethod.Post, FilterPath(detectorId, filterName), null, FilterBody(request), cancellationToken);
    }

    public Task DeleteFilterAsync(string detectorId, string filterName, CancellationToken cancellationToken = default) =>
        Send("DeleteFilter", HttpMethod.Delete, FilterPath(detectorId, filterName), null, null, cancellationToken);

    public Task<JObject> ListFiltersPageAsync(string detectorId, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default) =>
        Send("ListFilters", HttpMethod.Get, DetectorPath(detectorId) + "/filter", OptionalPageQuery(nextToken, maxResults), null,
            cancellationToken);

    public Task<JObject> ListMembersPageAsync(string detectorId, string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default) =>
        Send("ListMembers", HttpMethod.Get, DetectorPath(detectorId) + "/member", OptionalPageQuery(nextToken, maxResults), null,
            cancellationToken);

    public Task<JObject> ListCoveragePageAsync(string detectorId, JObject? filterCriteria = null, string? nextToken = null,
        int? maxResults = null, CancellationToken cancellationToken = default)
    {
        var body = new JObject();
        if (filterCriteria is not null) body["filterCriteria"] = filterCriteria.DeepClone();
        if (maxResults is { } max) body["maxResults"] = max;
        if (!string.IsNullOrEmpty(nextToken)) body["nextToken"] = nextToken;
        return Send("ListCoverage", HttpMethod.Post, DetectorPath(detectorId) + "/coverage", null, body, cancellationToken);
    }

    public Task<JObject> GetCoverageStatisticsAsync(string detectorId, CancellationToken cancellationToken = default) =>
        Send("GetCoverageStatistics", HttpMethod.Post, DetectorPath(detectorId) + "/coverage/statistics", null,
            new JObject { ["statisticsType"] = new JArray("COUNT_BY_RESOURCE_TYPE", "COUNT_BY_COVERAGE_STATUS") }, cancellationToken);

    public Task<JObject> StartMalwareScanAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(resourceArn)) throw new ArgumentException("A resource ARN is required.", nameof(resourceArn));
        var body = new JObject { ["resourceArn"] = resourceArn, ["clientToken"] = Guid.NewGuid().ToString() };
        return Send("StartMalwareScan", HttpMethod.Post, "/malware-scan/start", null, body, cancellationToken);
    }

    public Task<JObject> GetMalwareScanAsync(string scanId, CancellationToken cancellationToken = default)
    {
        CheckId(scanId, nameof(scanId));
        return Send("GetMalwareScan", HttpMethod.Get, "/malware-scan/" + Uri.EscapeDataString(scanId), null, null, cancellationToken);
    }

    public Task<JObject> SendObjectMalwareScanAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(bucket)) throw new ArgumentException("A bucket is required.", nameof(bucket));
        if (string.IsNullOrEmpty(key)) throw new ArgumentException("An object key is required.", nameof(key));
        var body = new JObject { ["s3Object"] = new JObject { ["bucket"] = bucket, ["key"] = key } };
        return Send("SendObjectMalwareScan", HttpMethod.Post, "/object-malware-scan/send", null, body, cancellationToken);
    }

    private static JObject FilterBody(FilterRequest request)
    {
        var body = new JObject();
        if (request.Action is not null) body["action"] = request.Action;
        if (request.Rank is { } rank) body["rank"] = rank;
        if (request.Description is not null) body["description"] = request.Description;
        if (request.Criteria is not null) body["findingCriteria"] = request.Criteria.DeepClone();
        return body;
    }

    private static string FilterPath(string detectorId, string filterName)
    {
        CheckId(filterName, "filterName");
        return DetectorPath(detectorId) + "/filter/" + Uri.EscapeDataString(filterName);
    }

    /// <summary>maxResults/nextToken only when given: the service's own defaults apply otherwise.</summary>
    private static List<KeyValuePair<string, string>>? OptionalPageQuery(string? nextToken, int? maxResults)
    {
        if (maxResults is not null) return PageQuery(nextToken, maxResults.Value);
        return string.IsNullOrEmpty(nextToken) ? null : [new("nextToken", nextToken)];
    }

    private Task<JObject> Send(string operation, HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? query,
        JObject? body, CancellationToken cancellationToken) =>
        _transport.SendAsync(Endpoint, new GuardDutyRequest(operation, Region, method, path, query, body), cancellationToken);

    private async Task ForEachBatch(string operation, string path, IEnumerable<string> ids, Action<JObject>? addMembers,
        CancellationToken cancellationToken)
    {
        foreach (var batch in Batches(ids))
        {
            var body = new JObject { ["findingIds"] = new JArray(batch) };
            addMembers?.Invoke(body);
            await Send(operation, HttpMethod.Post, path, null, body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Distinct ids in the order given, in chunks of <see cref="MaxIdsPerCall"/>. Validated before anything is sent.</summary>
    internal static List<string[]> Batches(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            CheckId(id, "findingIds");
            if (seen.Add(id)) distinct.Add(id);
        }
        return distinct.Chunk(MaxIdsPerCall).ToList();
    }

    private static async IAsyncEnumerable<string> AllPages(
        Func<string?, CancellationToken, Task<GuardDutyPage<string>>> page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var current = await page(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in current.Items) yield return item;
            token = current.NextToken;
            // A service that hands back a token it already gave would loop forever; stop instead.
            if (token is not null && !seenTokens.Add(token))
                throw new GuardDutyResponseException("GuardDuty returned the same nextToken twice; pagination stopped.");
        } while (token is not null);
    }

    private static List<KeyValuePair<string, string>> PageQuery(string? nextToken, int maxResults)
    {
        CheckPageSize(maxResults);
        var query = new List<KeyValuePair<string, string>> { new("maxResults", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (!string.IsNullOrEmpty(nextToken)) query.Add(new("nextToken", nextToken));
        return query;
    }

    private static void CheckPageSize(int size)
    {
        if (size is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(size), $"Page size must be 1 to {MaxPageSize}.");
    }

    private static void CheckId(string? id, string what)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"{what}: an id is empty.");
        if (id.Length > 300) throw new ArgumentException($"{what}: an id is longer than 300 characters.");
    }

    private static string DetectorPath(string detectorId)
    {
        CheckId(detectorId, nameof(detectorId));
        return "/detector/" + Uri.EscapeDataString(detectorId);
    }

    private static string ThreatListPath(ThreatListNames names, string detectorId, string id)
    {
        CheckId(id, names.IdMember);
        return DetectorPath(detectorId) + names.Segment + "/" + Uri.EscapeDataString(id);
    }

    private static string RequiredString(JObject json, string member, string operation) =>
        json[member] is JValue { Type: JTokenType.String } v && !string.IsNullOrEmpty((string?)v)
            ? (string)v!
            : throw new GuardDutyResponseException($"GuardDuty {operation} returned no '{member}'.");
}
