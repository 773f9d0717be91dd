using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Newtonsoft.Json.Linq;
using StoreKind = Fn.AwsGuardDuty.Sandbox.GuardDuty.Store.ThreatListKind;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// The five IPSet functions and the five ThreatIntelSet functions (guardduty-app.md §4.4), each through the listener
/// and the GuardDuty emulator: success, an AWS error (soft: success false with the code and message as reason) and a
/// bad input (refused by name before any AWS call).
/// </summary>
[TestFixture("ipset")]
[TestFixture("threatintelset")]
public class ThreatListFunctionTests(string noun) : FunctionsBrokerFixture
{
    private const string Location = "https://s3.amazonaws.com/lists-bucket/list.txt";
    private static readonly JObject Ok = new() { ["ResponseMetadata"] = new JObject { ["RequestId"] = null, ["HTTPStatusCode"] = 200 }, ["status"] = "ok" };

    private bool IsIpSet => noun == "ipset";

    private ThreatListSpec Spec => IsIpSet ? ThreatListSpec.IpSet : ThreatListSpec.ThreatIntelSet;

    private StoreKind StoreKind => IsIpSet ? StoreKind.IpSet : StoreKind.ThreatIntelSet;

    private string Fn(string verb) => $"aws_guardduty_{verb}_{noun}";

    [Test]
    public async Task Create_sends_every_input_and_answers_the_new_id_with_status_ok()
    {
        var inputs = new JObject
        {
            [InputNames.Format] = "txt",
            [InputNames.Name] = "Trusted " + noun,
            [InputNames.DetectorId] = Detector.DetectorId,
            [InputNames.Region] = Region,
            [InputNames.Activate] = true,
            [InputNames.Location] = Location,
            [InputNames.ClientToken] = "token-" + noun,
            [InputNames.Tags] = "env:prod, url:https://x.example/a?b=c, owner:\"ops, sec\"",
        };
        if (IsIpSet)
            inputs[InputNames.BucketOwner] = "123456789012";

        var replies = await CallAsync(Fn("create"), inputs);

        var entry = GuardDuty.State.ThreatLists(Detector, StoreKind).Single(e => e.ClientToken == "token-" + noun);
        var expected = (JObject)Ok.DeepClone();
        expected.Property("status")!.AddBeforeSelf(new JProperty(Spec.IdMember, entry.Id));
        replies.ShouldBeCompleted(success: true, reason: null, expected, inputs);
        entry.Name.Should().Be("Trusted " + noun);
        entry.Format.Should().Be("TXT");
        entry.Location.Should().Be(Location);
        entry.Status.Should().Be("ACTIVE");
        entry.Tags.Should().Equal(new Dictionary<string, string>
        {
            ["env"] = "prod", ["url"] = "https://x.example/a?b=c", ["owner"] = "ops, sec",
        });
        entry.ExpectedBucketOwner.Should().Be(IsIpSet ? "123456789012" : null);
    }

    [Test]
    public async Task Create_for_a_detector_the_account_does_not_own_is_success_false_with_the_AWS_code_and_message()
    {
        var inputs = CreateInputs(UnknownDetector);

        var replies = await CallAsync(Fn("create"), inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [TestCase(InputNames.Activate, null, "missing required input 'aws_gd_activate'")]
    [TestCase(InputNames.Activate, "maybe", "input 'aws_gd_activate' must be true or false")]
    [TestCase(InputNames.Format, "CSV", "input 'aws_gd_format' must be one of TXT, STIX, OTX_CSV, ALIEN_VAULT, PROOF_POINT, FIRE_EYE, got 'CSV'")]
    [TestCase(InputNames.Location, "", "missing required input 'aws_gd_location'")]
    [TestCase(InputNames.Tags, "env:prod, broken", "input 'aws_gd_tags' has 'broken' without a ':' between key and value (write key:value pairs separated by commas, e.g. env:prod, owner:\"a,b\")")]
    [TestCase(InputNames.Tags, "\"aws:team\":blue", "input 'aws_gd_tags' has the key 'aws:team'; keys starting with 'aws:' are reserved by AWS")]
    [TestCase(InputNames.Tags, "{\"k\": [1]}", "input 'aws_gd_tags' gives the key 'k' a value that is not text")]
    public async Task Create_refuses_a_missing_or_invalid_input_by_name_before_any_AWS_call(string input, string? value, string message)
    {
        var inputs = CreateInputs(Detector.DetectorId);
        inputs[input] = value;
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(Fn("create"), inputs);

        replies.ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [Test]
    public async Task Get_answers_the_boto3_shaped_set_without_ResponseMetadata()
    {
        var id = await CreateAsync("Get me", new Dictionary<string, string> { ["team"] = "blue", ["note"] = "a:b,c" }, IsIpSet ? "210987654321" : null);
        var inputs = IdInputs(id);

        var replies = await CallAsync(Fn("get"), inputs);

        var expected = new JObject
        {
            ["Name"] = "Get me",
            ["Format"] = "TXT",
            ["Location"] = Location,
            ["Tags"] = new JObject { ["team"] = "blue", ["note"] = "a:b,c" },
            ["Status"] = "ACTIVE",
        };
        if (IsIpSet)
            expected["ExpectedBucketOwner"] = "210987654321";
        replies.ShouldBeCompleted(success: true, reason: null, expected, inputs);
    }

    [Test]
    public async Task Get_of_a_set_without_tags_still_has_Tags()
    {
        var id = await CreateAsync("No tags", null, null);

        var replies = await CallAsync(Fn("get"), IdInputs(id));

        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["Name"] = "No tags", ["Format"] = "TXT", ["Location"] = Location, ["Tags"] = new JObject(), ["Status"] = "ACTIVE",
        }, IdInputs(id));
    }

    [Test]
    public async Task Get_of_an_unknown_id_is_success_false_with_the_AWS_reason()
    {
        var inputs = IdInputs("ffffffffffffffffffffffffffffffff");

        var replies = await CallAsync(Fn("get"), inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: The request is rejected since no such resource found.",
            new JObject(), inputs);
    }

    [Test]
    public async Task Get_without_the_id_is_refused_by_name()
    {
        var inputs = IdInputs("x");
        inputs.Remove(Spec.IdInput);

        var replies = await CallAsync(Fn("get"), inputs);

        replies.ShouldBeError($"missing required input '{Spec.IdInput}'");
    }

    [Test]
    public async Task List_without_max_results_reads_every_page_and_answers_the_bare_array_of_ids()
    {
        for (var i = 0; i < 3; i++)
            await CreateAsync("Listed " + i, null, null);
        var all = GuardDuty.State.ThreatLists(Detector, StoreKind).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        var inputs = DetectorInputs();

        var replies = await CallAsync(Fn("list"), inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JArray(all), inputs);
    }

    [Test]
    public async Task List_with_max_results_caps_the_total_and_hands_back_next_token_which_continues_without_gaps()
    {
        for (var i = 0; i < 3; i++)
            await CreateAsync("Paged " + i, null, null);
        var all = GuardDuty.State.ThreatLists(Detector, StoreKind).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        var first = DetectorInputs();
        first[InputNames.MaxResults] = 2;

        var page = (JObject)Reply.Json((await CallAsync(Fn("list"), first)).ShouldBeCompleted()["raw"]!.Value<string>()!);

        page.Properties().Select(p => p.Name).Should().Equal("ids", "next_token");
        page["ids"]!.Values<string>().Should().Equal(all.Take(2));
        var second = DetectorInputs();
        second[InputNames.NextToken] = page["next_token"]!.Value<string>();
        var rest = await CallAsync(Fn("list"), second);
        rest.ShouldBeCompleted(success: true, reason: null, new JArray(all.Skip(2)), second);
    }

    [Test]
    public async Task List_under_throttling_that_outlives_the_retries_is_success_false()
    {
        GuardDuty.State.Faults.ThrottleBurst(10, operation: IsIpSet ? "ListIPSets" : "ListThreatIntelSets");
        var inputs = DetectorInputs();

        var replies = await CallAsync(Fn("list"), inputs);

        replies.ShouldBeCompleted(success: false, reason: "TooManyRequestsException: Too Many Requests (still failing after 3 attempts)",
            new JObject(), inputs);
    }

    [TestCase(0, "input 'aws_gd_max_results' must be a whole number from 1 to 1000, got 0")]
    [TestCase(1001, "input 'aws_gd_max_results' must be a whole number from 1 to 1000, got 1001")]
    [TestCase("ten", "input 'aws_gd_max_results' must be a whole number from 1 to 1000, got 'ten'")]
    public async Task List_refuses_an_invalid_max_results_by_name(object maxResults, string message)
    {
        var inputs = DetectorInputs();
        inputs[InputNames.MaxResults] = JToken.FromObject(maxResults);

        var replies = await CallAsync(Fn("list"), inputs);

        replies.ShouldBeError(message);
    }

    [Test]
    public async Task Update_sends_only_the_given_changes_and_answers_status_ok()
    {
        var id = await CreateAsync("Before", null, null);
        var inputs = IdInputs(id);
        inputs[InputNames.NewName] = "After";
        inputs[InputNames.NewActivate] = false;

        var replies = await CallAsync(Fn("update"), inputs);

        replies.ShouldBeCompleted(success: true, reason: null, Ok, inputs);
        var entry = GuardDuty.State.ThreatLists(Detector, StoreKind).Single(e => e.Id == id);
        entry.Name.Should().Be("After");
        entry.Status.Should().Be("INACTIVE");
        entry.Location.Should().Be(Location, "the location was not given, so it is unchanged");
    }

    [Test]
    public async Task Update_of_an_unknown_id_is_success_false_with_the_AWS_reason()
    {
        var inputs = IdInputs("ffffffffffffffffffffffffffffffff");
        inputs[InputNames.NewName] = "After";

        var replies = await CallAsync(Fn("update"), inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: The request is rejected since no such resource found.",
            new JObject(), inputs);
    }

    [Test]
    public async Task Update_with_an_invalid_region_is_refused_by_name()
    {
        var inputs = IdInputs("ffffffffffffffffffffffffffffffff");
        inputs[InputNames.Region] = "mars-1a";

        var replies = await CallAsync(Fn("update"), inputs);

        replies.ShouldBeError("input 'aws_gd_region' must be an AWS region name such as us-east-1, got 'mars-1a'");
    }

    [Test]
    public async Task Delete_removes_the_set_and_answers_status_ok()
    {
        var id = await CreateAsync("Doomed", null, null);
        var inputs = IdInputs(id);

        var replies = await CallAsync(Fn("delete"), inputs);

        replies.ShouldBeCompleted(success: true, reason: null, Ok, inputs);
        GuardDuty.State.ThreatLists(Detector, StoreKind).Should().NotContain(e => e.Id == id);
    }

    [Test]
    public async Task Delete_in_a_detector_the_account_does_not_own_is_success_false()
    {
        var inputs = IdInputs("ffffffffffffffffffffffffffffffff");
        inputs[InputNames.DetectorId] = UnknownDetector;

        var replies = await CallAsync(Fn("delete"), inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [Test]
    public async Task Delete_without_the_detector_is_refused_by_name()
    {
        var inputs = IdInputs("ffffffffffffffffffffffffffffffff");
        inputs.Remove(InputNames.DetectorId);

        var replies = await CallAsync(Fn("delete"), inputs);

        replies.ShouldBeError("missing required input 'aws_gd_detector_id'");
    }

    private JObject DetectorInputs() => new()
    {
        [InputNames.DetectorId] = Detector.DetectorId,
        [InputNames.Region] = Region,
    };

    private JObject IdInputs(string id)
    {
        var inputs = DetectorInputs();
        inputs[Spec.IdInput] = id;
        return inputs;
    }

    private static JObject CreateInputs(string detectorId) => new()
    {
        [InputNames.Format] = "TXT",
        [InputNames.Name] = "Some list",
        [InputNames.DetectorId] = detectorId,
        [InputNames.Region] = Region,
        [InputNames.Activate] = true,
        [InputNames.Location] = Location,
    };

    private Task<string> CreateAsync(string name, IReadOnlyDictionary<string, string>? tags, string? bucketOwner) =>
        Clients.GetClient(Region).CreateThreatListAsync(Spec.Kind, Detector.DetectorId,
            new CreateThreatListRequest(name, "TXT", Location, true) { Tags = tags, ExpectedBucketOwner = bucketOwner });
}
