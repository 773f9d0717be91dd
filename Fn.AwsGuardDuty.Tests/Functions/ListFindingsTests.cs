using System.Globalization;
using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_list_findings</c> through the listener and the GuardDuty emulator, over 40 generated findings.</summary>
public class ListFindingsTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.ListFindings;

    private List<JObject> _findings = null!;

    [OneTimeSetUp]
    public void SeedFindings()
    {
        var ids = SeedFindings(40, seed: 501).Select(f => (string)f["id"]!).ToList();
        foreach (var id in ids.Where((_, i) => i % 4 == 0))
            GuardDuty.State.SetArchived(Detector, id, true);
        _findings = GuardDuty.State.Findings(Detector).ToList();
    }

    [Test]
    public async Task Without_criteria_lists_the_active_findings_newest_update_first()
    {
        var inputs = Inputs();

        var replies = await CallAsync(Function, inputs);

        var content = (JObject)Reply.Json(replies.ShouldBeCompleted()["raw"]!.Value<string>()!);
        var ids = content["finding_ids"]!.Values<string>().Select(id => id!).ToList();
        ids.Should().BeEquivalentTo(Matching(f => !Archived(f)));
        ids.Select(UpdatedAt).Should().BeInDescendingOrder();
        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["finding_ids"] = new JArray(ids),
            ["next_token"] = null,
        }, inputs);
    }

    [Test]
    public async Task Severity_types_updated_since_and_archived_become_criteria()
    {
        var archived = _findings.Where(Archived).ToList();
        var types = archived.Select(f => (string)f["type"]!).Distinct().Take(3).ToList();
        var since = archived.Select(UpdatedAt).Order().ElementAt(archived.Count / 3);
        var inputs = Inputs();
        inputs[InputNames.SeverityThreshold] = 2;
        inputs[InputNames.FindingTypes] = string.Join(", ", types);
        inputs[InputNames.UpdatedSince] = since.ToUnixTimeMilliseconds();
        inputs[InputNames.Archived] = true;

        var replies = await CallAsync(Function, inputs);

        var expected = Matching(f => Archived(f) && (double)f["severity"]! >= 2 && types.Contains((string)f["type"]!) && UpdatedAt(f) >= since);
        expected.Should().NotBeEmpty("the criteria must select something for the test to mean anything");
        var ids = replies.ShouldBeCompleted()["content"]!["finding_ids"]!.Values<string>();
        ids.Should().BeEquivalentTo(expected);
    }

    [Test]
    public async Task Max_results_caps_the_total_and_next_token_continues_with_the_same_criteria_without_gaps()
    {
        var first = Inputs();
        first[InputNames.MaxResults] = 7;

        var page1 = replyContent(await CallAsync(Function, first));
        var second = Inputs();
        second[InputNames.MaxResults] = 1000;
        second[InputNames.NextToken] = page1["next_token"]!.Value<string>();
        var page2 = replyContent(await CallAsync(Function, second));

        page1["finding_ids"]!.Should().HaveCount(7);
        page1["next_token"]!.Type.Should().Be(JTokenType.String);
        page2["next_token"]!.Type.Should().Be(JTokenType.Null);
        page1["finding_ids"]!.Values<string>().Concat(page2["finding_ids"]!.Values<string>())
            .Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Matching(f => !Archived(f)));

        static JObject replyContent(IReadOnlyList<JObject> replies) => (JObject)replies.ShouldBeCompleted()["content"]!;
    }

    [Test]
    public async Task An_unknown_detector_is_success_false_with_the_AWS_code_and_message()
    {
        var inputs = Inputs(UnknownDetector);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [TestCase(InputNames.SeverityThreshold, 6.5, "input 'aws_gd_severity_threshold' must be a whole number (GuardDuty's ListFindings compares severity with whole numbers), got 6.5")]
    [TestCase(InputNames.SeverityThreshold, 11, "input 'aws_gd_severity_threshold' must be a number from 0 to 10, got 11")]
    [TestCase(InputNames.MaxResults, 5000, "input 'aws_gd_max_results' must be a whole number from 1 to 1000, got 5000")]
    [TestCase(InputNames.Archived, "sometimes", "input 'aws_gd_archived' must be true or false")]
    [TestCase(InputNames.UpdatedSince, "yesterday", "input 'aws_gd_updated_since' must be a date and time (epoch milliseconds)")]
    public async Task Invalid_criteria_are_refused_by_name_before_any_AWS_call(string input, object value, string message)
    {
        var inputs = Inputs();
        inputs[input] = JToken.FromObject(value);
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    private JObject Inputs(string? detectorId = null) => new()
    {
        [InputNames.DetectorId] = detectorId ?? Detector.DetectorId,
        [InputNames.Region] = Region,
    };

    private List<string> Matching(Func<JObject, bool> predicate) => _findings.Where(predicate).Select(f => (string)f["id"]!).ToList();

    private static bool Archived(JObject finding) => (bool)finding["service"]!["archived"]!;

    private DateTimeOffset UpdatedAt(string id) => UpdatedAt(_findings.Single(f => (string)f["id"]! == id));

    private static DateTimeOffset UpdatedAt(JObject finding) =>
        DateTimeOffset.Parse((string)finding["updatedAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
