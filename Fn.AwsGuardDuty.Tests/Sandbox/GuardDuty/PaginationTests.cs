using System.Net;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>Opaque keyset tokens: valid for the same query, refused for another, stable while findings change.</summary>
public class PaginationTests : EmulatorFixture
{
    private static readonly JObject HighSeverity = new() { ["criterion"] = new JObject { ["severity"] = new JObject { ["greaterThanOrEqual"] = 4 } } };

    [Test]
    public async Task Pages_cover_every_match_once_and_the_last_page_has_no_token()
    {
        var detector = NewDetector();
        var findings = Generate(detector, 237);
        State.AddFindings(detector, findings);

        var (ids, pages) = await ReadAll(detector, new JObject(), 50);

        pages.Should().Be(5);
        ids.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(findings.Select(f => (string)f["id"]!));
    }

    [Test]
    public async Task Criteria_and_sort_are_respected_across_pages()
    {
        var detector = NewDetector();
        var findings = Generate(detector, 180);
        State.AddFindings(detector, findings);
        var query = new JObject { ["findingCriteria"] = HighSeverity, ["sortCriteria"] = new JObject { ["attributeName"] = "severity", ["orderBy"] = "DESC" } };

        var (ids, _) = await ReadAll(detector, query, 7);

        var expected = findings.Where(f => (double)f["severity"]! >= 4)
            .OrderByDescending(f => (double)f["severity"]!).ThenBy(f => (string)f["id"]!, StringComparer.Ordinal)
            .Select(f => (string)f["id"]!);
        ids.Should().Equal(expected);
    }

    [Test]
    public async Task A_token_replayed_with_the_same_query_returns_the_same_page()
    {
        var detector = NewDetector();
        State.AddFindings(detector, Generate(detector, 30));
        var first = await Page(detector, new JObject { ["findingCriteria"] = HighSeverity }, 10, null);
        var token = first.Value<string>("nextToken");

        var again = await Page(detector, new JObject { ["findingCriteria"] = HighSeverity }, 10, token);
        var once_more = await Page(detector, new JObject { ["findingCriteria"] = HighSeverity }, 10, token);

        again["findingIds"].Should().BeEquivalentTo(once_more["findingIds"]);
        again["findingIds"]!.Values<string>().Should().NotIntersectWith(first["findingIds"]!.Values<string>());
    }

    [Test]
    public async Task Equivalent_query_spellings_share_tokens()
    {
        var detector = NewDetector();
        State.AddFindings(detector, Generate(detector, 30));
        var current = new JObject { ["findingCriteria"] = new JObject { ["criterion"] = new JObject { ["severity"] = new JObject { ["greaterThanOrEqual"] = 4 } } } };
        var deprecated = new JObject { ["findingCriteria"] = new JObject { ["criterion"] = new JObject { ["severity"] = new JObject { ["gte"] = 4 } } } };
        var first = await Page(detector, current, 5, null);

        var next = await Client().PostAsync(FindingsPath(detector), With(deprecated, 5, first.Value<string>("nextToken")));

        next.ShouldBeOk();
    }

    [Test]
    public async Task A_token_with_a_changed_query_is_refused()
    {
        var detector = NewDetector();
        State.AddFindings(detector, Generate(detector, 30));
        var first = await Page(detector, new JObject { ["findingCriteria"] = HighSeverity }, 5, null);
        var token = first.Value<string>("nextToken");

        var otherCriteria = await Client().PostAsync(FindingsPath(detector), With(new JObject(), 5, token));
        var otherSort = await Client().PostAsync(FindingsPath(detector), With(new JObject { ["findingCriteria"] = HighSeverity, ["sortCriteria"] = new JObject { ["attributeName"] = "severity" } }, 5, token));

        otherCriteria.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        otherCriteria.Json.Value<string>("message").Should().Be("The request is rejected because the parameter nextToken has an invalid value.");
        otherSort.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Forged_edited_and_foreign_tokens_are_refused()
    {
        var detector = NewDetector();
        State.AddFindings(detector, Generate(detector, 30));
        var token = (await Page(detector, new JObject(), 5, null)).Value<string>("nextToken")!;
        var edited = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var detectorsToken = token;

        foreach (var bad in new[] { "garbage", edited, Convert.ToBase64String("{\"q\":\"x\"}"u8.ToArray()) + ".AAAA" })
        {
            (await Client().PostAsync(FindingsPath(detector), With(new JObject(), 5, bad))).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        }

        (await Client().GetAsync("/detector?nextToken=" + Uri.EscapeDataString(detectorsToken))).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Findings_added_before_the_cursor_neither_shift_nor_duplicate_pages()
    {
        var detector = NewDetector();
        var original = Generate(detector, 100, seed: 1, start: new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        State.AddFindings(detector, original);
        var first = await Page(detector, new JObject(), 50, null);

        // Older findings sort before the cursor (default order: createdAt ascending); an offset token would now repeat 20 ids.
        State.AddFindings(detector, Generate(detector, 20, seed: 2, start: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var second = await Page(detector, new JObject(), 50, first.Value<string>("nextToken"));

        var seen = first["findingIds"]!.Values<string>().Concat(second["findingIds"]!.Values<string>()).ToList();
        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(original.Select(f => (string)f["id"]!));
        second["nextToken"].Should().BeNull();
    }

    [Test]
    public async Task Findings_updated_during_paging_in_createdAt_order_are_neither_skipped_nor_repeated()
    {
        var detector = NewDetector();
        var original = Generate(detector, 120);
        State.AddFindings(detector, original);
        var first = await Page(detector, new JObject(), 40, null);
        foreach (var finding in original.Take(80))
        {
            State.UpdateFinding(detector, (string)finding["id"]!);
        }

        var rest = await ReadFrom(detector, new JObject(), 40, first.Value<string>("nextToken"));

        first["findingIds"]!.Values<string>().Concat(rest).Should().OnlyHaveUniqueItems().And.HaveCount(120);
    }

    [Test]
    public async Task Last_page_token_is_omitted_or_empty_by_switch()
    {
        var detector = NewDetector();
        State.AddFindings(detector, Generate(detector, 3));

        (await Page(detector, new JObject(), 50, null)).ContainsKey("nextToken").Should().BeFalse();
        State.EmptyNextTokenOnLastPage = true;
        (await Page(detector, new JObject(), 50, null)).Value<string>("nextToken").Should().BeEmpty();
        (await Client().GetAsync("/detector")).ShouldBeOk().Value<string>("nextToken").Should().BeEmpty();
    }

    [Test]
    public async Task ThreatIntelSets_page_with_the_same_tokens()
    {
        var detector = NewDetector();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Client().PostAsync($"/detector/{detector.DetectorId}/threatintelset", new JObject
            {
                ["name"] = $"list {i}", ["format"] = "TXT", ["location"] = $"s3://bucket/list{i}.txt", ["activate"] = true,
            });
            created.Add(response.ShouldBeOk().Value<string>("threatIntelSetId")!);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = (await Client().GetAsync($"/detector/{detector.DetectorId}/threatintelset?maxResults=2" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token)))).ShouldBeOk();
            seen.AddRange(page["threatIntelSetIds"]!.Values<string>().Select(id => id!));
            token = page.Value<string>("nextToken");
        }
        while (!string.IsNullOrEmpty(token));

        seen.Should().BeEquivalentTo(created);
    }

    private static JObject With(JObject query, int maxResults, string? token)
    {
        var body = (JObject)query.DeepClone();
        body["maxResults"] = maxResults;
        if (token is not null)
        {
            body["nextToken"] = token;
        }

        return body;
    }

    private async Task<JObject> Page(DetectorKey detector, JObject query, int maxResults, string? token) =>
        (await Client().PostAsync(FindingsPath(detector), With(query, maxResults, token))).ShouldBeOk();

    private async Task<(List<string> Ids, int Pages)> ReadAll(DetectorKey detector, JObject query, int maxResults)
    {
        var ids = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Page(detector, query, maxResults, token);
            pages++;
            page["findingIds"]!.Count().Should().BeLessThanOrEqualTo(maxResults);
            ids.AddRange(page["findingIds"]!.Values<string>().Select(id => id!));
            token = page.Value<string>("nextToken");
        }
        while (token is not null);

        return (ids, pages);
    }

    private async Task<List<string>> ReadFrom(DetectorKey detector, JObject query, int maxResults, string? token)
    {
        var ids = new List<string>();
        while (token is not null)
        {
            var page = await Page(detector, query, maxResults, token);
            ids.AddRange(page["findingIds"]!.Values<string>().Select(id => id!));
            token = page.Value<string>("nextToken");
        }

        return ids;
    }
}
