using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Tests.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// The five filter functions (extensions.md §C) through the listener, the broker and the GuardDuty emulator: success
/// (the emulator's filters and findings show the effect), an AWS error (success false, the AWS code and message as
/// reason) and bad inputs (refused by name before any AWS call). Expected contents are written out by hand.
/// </summary>
public class FilterFunctionTests : FunctionsBrokerFixture
{
    private const string PortProbe = "Recon:EC2/PortProbeUnprotectedPort";
    private const string Instance = "i-0abc1234def567890";

    private static JObject Metadata => new() { ["RequestId"] = null, ["HTTPStatusCode"] = 200 };

    [SetUp]
    public void StartWithoutFiltersOrLists() => GuardDuty.State.ClearFiltersAndLists(Detector);

    [Test]
    public async Task Create_from_a_finding_builds_type_instance_and_account_criteria_sends_ARCHIVE_and_archives_the_matches()
    {
        AddFinding("f-probe-1", PortProbe, Instance);
        AddFinding("f-probe-other-instance", PortProbe, "i-0fff0000fff000000");
        AddFinding("f-other-type", "UnauthorizedAccess:EC2/SSHBruteForce", Instance);
        var inputs = Inputs(InputNames.FilterName, "fp-port-probe");
        inputs[InputNames.FindingId] = "f-probe-1";

        var replies = await CallAsync(FunctionNames.CreateFilter, inputs);

        var criteria = new JObject
        {
            ["Criterion"] = new JObject
            {
                ["type"] = new JObject { ["Eq"] = new JArray(PortProbe) },
                ["resource.instanceDetails.instanceId"] = new JObject { ["Eq"] = new JArray(Instance) },
                ["accountId"] = new JObject { ["Eq"] = new JArray(Account) },
            },
        };
        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["ResponseMetadata"] = Metadata, ["Name"] = "fp-port-probe", ["FindingCriteria"] = criteria, ["status"] = "ok",
        }, inputs);
        var filter = GuardDuty.State.Filters(Detector).Should().ContainSingle().Subject;
        filter.Name.Should().Be("fp-port-probe");
        filter.Action.Should().Be("ARCHIVE");
        JsonShould.Equal(filter.FindingCriteria, """
            {"criterion":{"type":{"eq":["Recon:EC2/PortProbeUnprotectedPort"]},"resource.instanceDetails.instanceId":{"eq":["i-0abc1234def567890"]},"accountId":{"eq":["111111111111"]}}}
            """);
        Archived("f-probe-1").Should().BeTrue();
        Archived("f-probe-other-instance").Should().BeFalse();
        Archived("f-other-type").Should().BeFalse();

        AddFinding("f-probe-2", PortProbe, Instance);
        Archived("f-probe-2").Should().BeTrue("a suppression rule archives matching findings as they arrive");
    }

    [Test]
    public async Task Create_from_an_s3_finding_uses_the_bucket_name()
    {
        var finding = Finding("f-s3", "Policy:S3/BucketBlockPublicAccessDisabled", null);
        finding["resource"] = new JObject
        {
            ["resourceType"] = "S3Bucket",
            ["s3BucketDetails"] = new JArray(new JObject { ["name"] = "logs-bucket", ["type"] = "Destination" }),
        };
        GuardDuty.State.AddFinding(Detector, finding);
        var inputs = Inputs(InputNames.FilterName, "fp.s3");
        inputs[InputNames.FindingId] = "f-s3";
        inputs[InputNames.FilterAction] = "noop";

        var replies = await CallAsync(FunctionNames.CreateFilter, inputs);

        var content = replies.ShouldBeCompleted()["content"]!;
        content["FindingCriteria"]!["Criterion"]!["resource.s3BucketDetails.name"]!.ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("{\"Eq\":[\"logs-bucket\"]}");
        GuardDuty.State.Filters(Detector).Single().Action.Should().Be("NOOP");
        Archived("f-s3").Should().BeFalse("a NOOP filter archives nothing");
    }

    [Test]
    public async Task Create_with_criteria_text_sends_them_with_rank_and_description()
    {
        AddFinding("f-high", PortProbe, Instance, severity: 8);
        AddFinding("f-low", PortProbe, Instance, severity: 2);
        var inputs = Inputs(InputNames.FilterName, "low-severity");
        inputs[InputNames.FilterCriteria] = """{"Criterion": {"severity": {"Lt": 4}, "type": {"Matches": ["Recon:*"]}}}""";
        inputs[InputNames.FilterRank] = 3;
        inputs[InputNames.FilterDescription] = "Low recon noise";

        var replies = await CallAsync(FunctionNames.CreateFilter, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["ResponseMetadata"] = Metadata,
            ["Name"] = "low-severity",
            ["FindingCriteria"] = JObject.Parse("""{"Criterion": {"severity": {"Lt": 4}, "type": {"Matches": ["Recon:*"]}}}"""),
            ["status"] = "ok",
        }, inputs);
        var filter = GuardDuty.State.Filters(Detector).Single();
        (filter.Rank, filter.Description, filter.Action).Should().Be((3, "Low recon noise", "ARCHIVE"));
        JsonShould.Equal(filter.FindingCriteria, """{"criterion":{"severity":{"lt":4},"type":{"matches":["Recon:*"]}}}""");
        Archived("f-low").Should().BeTrue();
        Archived("f-high").Should().BeFalse();
    }

    [Test]
    public async Task Create_for_a_detector_the_account_does_not_own_is_success_false_with_the_AWS_reason()
    {
        var inputs = Inputs(InputNames.FilterName, "any-filter", UnknownDetector);
        inputs[InputNames.FilterCriteria] = """{"Criterion": {"type": {"Eq": ["x"]}}}""";

        var replies = await CallAsync(FunctionNames.CreateFilter, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [Test]
    public async Task Create_from_a_finding_the_detector_does_not_have_is_success_false_naming_it()
    {
        var inputs = Inputs(InputNames.FilterName, "ghost");
        inputs[InputNames.FindingId] = "no-such-finding";

        var replies = await CallAsync(FunctionNames.CreateFilter, inputs);

        replies.ShouldBeCompleted(success: false, reason: $"Finding no-such-finding was not found in detector {Detector.DetectorId} in {Region}.",
            new JObject(), inputs);
        GuardDuty.State.Filters(Detector).Should().BeEmpty();
    }

    [TestCase(null, null, null, "input 'aws_gd_filter_criteria' give either 'aws_gd_filter_criteria' or 'aws_gd_finding_id' (exactly one of them)")]
    [TestCase("""{"Criterion": {"type": {"Eq": ["x"]}}}""", "f1", null, "input 'aws_gd_finding_id' give either 'aws_gd_filter_criteria' or 'aws_gd_finding_id' (exactly one of them)")]
    [TestCase("{not json", null, null, "input 'aws_gd_filter_criteria' is not valid JSON (Invalid character after parsing property name. Expected ':' but got: j. Path '', line 1, position 5.)")]
    [TestCase("""{"Criterion": {"type": {"Like": ["x"]}}}""", null, null, "input 'aws_gd_filter_criteria' field 'type' has the unknown operator 'Like' (use Eq, Neq, Equals, NotEquals, Matches, NotMatches, Gt, Gte, Lt, Lte, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual)")]
    [TestCase("""{"Criterion": {"severity": {"Gt": "high"}}}""", null, null, "input 'aws_gd_filter_criteria' field 'severity': Gt takes a whole number")]
    [TestCase("""{"type": {"Eq": ["x"]}}""", null, null, "input 'aws_gd_filter_criteria' must be {\"Criterion\": {field: {operator: value}}} with at least one field")]
    [TestCase("""{"Criterion": {"type": {"Eq": ["x"]}}}""", null, "DELETE", "input 'aws_gd_filter_action' must be ARCHIVE or NOOP, got 'DELETE'")]
    public async Task Create_refuses_bad_inputs_by_name_before_any_AWS_call(string? criteria, string? findingId, string? action, string message)
    {
        var inputs = Inputs(InputNames.FilterName, "checked");
        inputs[InputNames.FilterCriteria] = criteria;
        inputs[InputNames.FindingId] = findingId;
        inputs[InputNames.FilterAction] = action;
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(FunctionNames.CreateFilter, inputs);

        replies.ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [TestCase("ab", "input 'aws_gd_filter_name' must be 3 to 64 letters, digits, '.', '_' or '-' (no spaces), got 'ab'")]
    [TestCase("has space", "input 'aws_gd_filter_name' must be 3 to 64 letters, digits, '.', '_' or '-' (no spaces), got 'has space'")]
    [TestCase(null, "missing required input 'aws_gd_filter_name'")]
    public async Task Every_filter_function_refuses_a_bad_name(string? name, string message)
    {
        foreach (var function in new[] { FunctionNames.CreateFilter, FunctionNames.GetFilter, FunctionNames.UpdateFilter, FunctionNames.DeleteFilter })
        {
            var inputs = Inputs(InputNames.FilterName, name);
            inputs[InputNames.FilterCriteria] = """{"Criterion": {"type": {"Eq": ["x"]}}}""";
            if (function != FunctionNames.CreateFilter && function != FunctionNames.UpdateFilter)
                inputs.Remove(InputNames.FilterCriteria);
            (await CallAsync(function, inputs)).ShouldBeError(message);
        }
    }

    [Test]
    public async Task Get_answers_the_filter_as_boto3_returns_it()
    {
        await CreateAsync("to-read", """{"Criterion": {"type": {"Eq": ["a", "b"]}, "severity": {"GreaterThanOrEqual": 7}}}""", "NOOP", 5, "Read me");
        var inputs = Inputs(InputNames.FilterName, "to-read");

        var content = (JObject)(await CallAsync(FunctionNames.GetFilter, inputs)).ShouldBeCompleted()["content"]!;

        content.Properties().Select(p => p.Name).Should().Equal(
            "ResponseMetadata", "Name", "Action", "Rank", "FindingCriteria", "CreatedAt", "UpdatedAt", "Version", "Description", "status");
        content["CreatedAt"]!.Value<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
        content.Remove("CreatedAt");
        content.Remove("UpdatedAt");
        JsonShould.Equal(content, """
            {"ResponseMetadata":{"RequestId":null,"HTTPStatusCode":200},"Name":"to-read","Action":"NOOP","Rank":5,
             "FindingCriteria":{"Criterion":{"type":{"Eq":["a","b"]},"severity":{"GreaterThanOrEqual":7}}},"Version":1,
             "Description":"Read me","status":"ok"}
            """);
    }

    [Test]
    public async Task Get_of_an_unknown_filter_is_success_false_with_the_AWS_reason()
    {
        var inputs = Inputs(InputNames.FilterName, "never-made");

        var replies = await CallAsync(FunctionNames.GetFilter, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: The request is rejected since no such resource found.",
            new JObject(), inputs);
    }

    [Test]
    public async Task Update_sends_only_what_is_given_and_an_ARCHIVE_update_archives_the_matches()
    {
        AddFinding("f-upd", PortProbe, Instance);
        await CreateAsync("watch", """{"Criterion": {"type": {"Eq": ["Recon:EC2/PortProbeUnprotectedPort"]}}}""", "NOOP", 4, "Kept");
        var inputs = Inputs(InputNames.FilterName, "watch");
        inputs[InputNames.FilterAction] = "ARCHIVE";

        var replies = await CallAsync(FunctionNames.UpdateFilter, inputs);

        replies.ShouldBeCompleted(success: true, reason: null,
            new JObject { ["ResponseMetadata"] = Metadata, ["Name"] = "watch", ["status"] = "ok" }, inputs);
        var filter = GuardDuty.State.Filters(Detector).Single();
        (filter.Action, filter.Rank, filter.Description, filter.Version).Should().Be(("ARCHIVE", 4, "Kept", 2L));
        Archived("f-upd").Should().BeTrue();
    }

    [Test]
    public async Task Update_with_nothing_to_change_is_refused_before_any_AWS_call()
    {
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(FunctionNames.UpdateFilter, Inputs(InputNames.FilterName, "watch"));

        replies.ShouldBeError("input 'aws_gd_filter_name' names a filter, but nothing to change was given (aws_gd_filter_action, aws_gd_filter_rank, aws_gd_filter_description or aws_gd_filter_criteria)");
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [Test]
    public async Task Update_of_an_unknown_filter_is_success_false()
    {
        var inputs = Inputs(InputNames.FilterName, "never-made");
        inputs[InputNames.FilterRank] = 2;

        var replies = await CallAsync(FunctionNames.UpdateFilter, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: The request is rejected since no such resource found.",
            new JObject(), inputs);
    }

    [Test]
    public async Task Delete_removes_the_filter()
    {
        await CreateAsync("to-delete", """{"Criterion": {"type": {"Eq": ["x"]}}}""", "NOOP", null, null);
        var inputs = Inputs(InputNames.FilterName, "to-delete");

        var replies = await CallAsync(FunctionNames.DeleteFilter, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject { ["ResponseMetadata"] = Metadata, ["status"] = "ok" }, inputs);
        GuardDuty.State.Filters(Detector).Should().BeEmpty();
        (await CallAsync(FunctionNames.DeleteFilter, inputs)).ShouldBeCompleted(success: false,
            reason: "BadRequestException: The request is rejected since no such resource found.", new JObject(), inputs);
    }

    [Test]
    public async Task List_answers_one_page_with_NextToken_which_continues()
    {
        foreach (var (name, rank) in new[] { ("third", 3), ("first", 1), ("second", 2) })
            await CreateAsync(name, """{"Criterion": {"type": {"Eq": ["x"]}}}""", "NOOP", rank, null);
        var first = Inputs(null, null);
        first[InputNames.MaxResults] = 2;

        var page = (JObject)(await CallAsync(FunctionNames.ListFilters, first)).ShouldBeCompleted()["content"]!;

        page.Properties().Select(p => p.Name).Should().Equal("ResponseMetadata", "FilterNames", "NextToken", "status");
        page["FilterNames"]!.Values<string>().Should().Equal("first", "second");
        var second = Inputs(null, null);
        second[InputNames.NextToken] = page["NextToken"]!.Value<string>();
        (await CallAsync(FunctionNames.ListFilters, second)).ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["ResponseMetadata"] = Metadata, ["FilterNames"] = new JArray("third"), ["status"] = "ok",
        }, second);
    }

    [Test]
    public async Task List_refuses_max_results_beyond_the_page_size()
    {
        var inputs = Inputs(null, null);
        inputs[InputNames.MaxResults] = 51;

        (await CallAsync(FunctionNames.ListFilters, inputs)).ShouldBeError("input 'aws_gd_max_results' must be a whole number from 1 to 50, got 51");
    }

    [Test]
    public async Task List_for_an_unknown_detector_is_success_false()
    {
        var inputs = Inputs(null, null, UnknownDetector);

        (await CallAsync(FunctionNames.ListFilters, inputs)).ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage,
            new JObject(), inputs);
    }

    private JObject Inputs(string? input, string? value, string? detectorId = null)
    {
        var inputs = new JObject { [InputNames.Region] = Region, [InputNames.DetectorId] = detectorId ?? Detector.DetectorId };
        if (input is not null)
            inputs[input] = value;
        return inputs;
    }

    private async Task CreateAsync(string name, string criteria, string action, int? rank, string? description)
    {
        var inputs = Inputs(InputNames.FilterName, name);
        inputs[InputNames.FilterCriteria] = criteria;
        inputs[InputNames.FilterAction] = action;
        if (rank is not null)
            inputs[InputNames.FilterRank] = rank;
        if (description is not null)
            inputs[InputNames.FilterDescription] = description;
        (await CallAsync(FunctionNames.CreateFilter, inputs)).ShouldBeCompleted()["success"]!.Value<bool>().Should().BeTrue();
    }

    private static JObject Finding(string id, string type, string? instanceId, double severity = 5) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["severity"] = severity,
        ["title"] = "Hand-written finding " + id,
        ["resource"] = instanceId is null
            ? new JObject { ["resourceType"] = "AccessKey" }
            : new JObject { ["resourceType"] = "Instance", ["instanceDetails"] = new JObject { ["instanceId"] = instanceId } },
    };

    private void AddFinding(string id, string type, string instanceId, double severity = 5) =>
        GuardDuty.State.AddFinding(Detector, Finding(id, type, instanceId, severity));

    private bool Archived(string findingId) => GuardDuty.State.GetFinding(Detector, findingId)!["service"]!["archived"]!.Value<bool>();
}
