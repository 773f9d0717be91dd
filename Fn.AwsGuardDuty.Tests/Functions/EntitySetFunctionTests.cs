using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Tests.Circuits;
using Newtonsoft.Json.Linq;
using StoreKind = Fn.AwsGuardDuty.Sandbox.GuardDuty.Store.ThreatListKind;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// The five threat entity set and five trusted entity set functions (extensions.md §C) through the listener and the
/// GuardDuty emulator: success with the emulator's state showing the effect, AWS errors and bad inputs.
/// </summary>
[TestFixture("threat")]
[TestFixture("trusted")]
public class EntitySetFunctionTests(string noun) : FunctionsBrokerFixture
{
    private const string Location = "s3://entity-lists/entities.txt";

    private static JObject Metadata => new() { ["RequestId"] = null, ["HTTPStatusCode"] = 200 };

    private bool IsThreat => noun == "threat";

    private StoreKind StoreKind => IsThreat ? StoreKind.ThreatEntitySet : StoreKind.TrustedEntitySet;

    private string IdInput => IsThreat ? InputNames.ThreatEntitySetId : InputNames.TrustedEntitySetId;

    private string IdMember => IsThreat ? "ThreatEntitySetId" : "TrustedEntitySetId";

    private string Fn(string verb) => $"aws_guardduty_{verb}_{noun}_entity_set";

    [SetUp]
    public void StartWithoutFiltersOrLists() => GuardDuty.State.ClearFiltersAndLists(Detector);

    [Test]
    public async Task Create_sends_every_input_and_answers_the_new_id()
    {
        var inputs = CreateInputs("Entities one");
        inputs[InputNames.ClientToken] = "tok-" + noun;
        inputs[InputNames.Tags] = "team:blue";
        inputs[InputNames.BucketOwner] = "123456789012";

        var replies = await CallAsync(Fn("create"), inputs);

        var entry = GuardDuty.State.ThreatLists(Detector, StoreKind).Should().ContainSingle().Subject;
        replies.ShouldBeCompleted(success: true, reason: null,
            new JObject { ["ResponseMetadata"] = Metadata, [IdMember] = entry.Id, ["status"] = "ok" }, inputs);
        (entry.Name, entry.Format, entry.Location, entry.Status, entry.ExpectedBucketOwner, entry.ClientToken)
            .Should().Be(("Entities one", "STIX", Location, "ACTIVE", "123456789012", "tok-" + noun));
        entry.Tags.Should().Equal(new Dictionary<string, string> { ["team"] = "blue" });
    }

    [Test]
    public async Task Create_refuses_a_bad_format_by_name_before_any_AWS_call()
    {
        var inputs = CreateInputs("Bad");
        inputs[InputNames.Format] = "XML";
        var before = GuardDuty.State.Calls.Total;

        (await CallAsync(Fn("create"), inputs)).ShouldBeError(
            "input 'aws_gd_format' must be one of TXT, STIX, OTX_CSV, ALIEN_VAULT, PROOF_POINT, FIRE_EYE, got 'XML'");
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [Test]
    public async Task Create_for_an_unknown_detector_is_success_false_with_the_AWS_reason()
    {
        var inputs = CreateInputs("Nowhere");
        inputs[InputNames.DetectorId] = UnknownDetector;

        (await CallAsync(Fn("create"), inputs)).ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage,
            new JObject(), inputs);
    }

    [Test]
    public async Task Get_answers_the_set_as_boto3_returns_it()
    {
        var id = await CreateAsync("Read me");
        var inputs = IdInputs(id);

        var content = (JObject)(await CallAsync(Fn("get"), inputs)).ShouldBeCompleted()["content"]!;

        content.Properties().Select(p => p.Name).Should().Equal(
            "ResponseMetadata", "Name", "Format", "Location", "Status", "CreatedAt", "UpdatedAt", "status");
        content["CreatedAt"]!.Value<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
        content.Remove("CreatedAt");
        content.Remove("UpdatedAt");
        JsonShould.Equal(content, """
            {"ResponseMetadata":{"RequestId":null,"HTTPStatusCode":200},"Name":"Read me","Format":"STIX",
             "Location":"s3://entity-lists/entities.txt","Status":"ACTIVE","status":"ok"}
            """);
    }

    [Test]
    public async Task Get_of_an_unknown_id_is_success_false_and_a_missing_id_is_refused()
    {
        var inputs = IdInputs("ffffffffffffffffffffffffffffffff");
        (await CallAsync(Fn("get"), inputs)).ShouldBeCompleted(success: false,
            reason: "BadRequestException: The request is rejected since no such resource found.", new JObject(), inputs);

        inputs.Remove(IdInput);
        (await CallAsync(Fn("get"), inputs)).ShouldBeError($"missing required input '{IdInput}'");
    }

    [Test]
    public async Task List_answers_one_page_in_boto3_shape_with_NextToken()
    {
        if (!IsThreat)
        {
            // A detector holds one trusted list; the page has it, without NextToken.
            var only = await CreateAsync("Only");
            var all = DetectorInputs();
            (await CallAsync(Fn("list"), all)).ShouldBeCompleted(success: true, reason: null,
                new JObject { ["ResponseMetadata"] = Metadata, ["TrustedEntitySetIds"] = new JArray(only), ["status"] = "ok" }, all);
            return;
        }

        for (var i = 0; i < 3; i++)
            await CreateAsync("Listed " + i);
        var ids = GuardDuty.State.ThreatLists(Detector, StoreKind).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        var first = DetectorInputs();
        first[InputNames.MaxResults] = 2;

        var page = (JObject)(await CallAsync(Fn("list"), first)).ShouldBeCompleted()["content"]!;

        page.Properties().Select(p => p.Name).Should().Equal("ResponseMetadata", "ThreatEntitySetIds", "NextToken", "status");
        page["ThreatEntitySetIds"]!.Values<string>().Should().Equal(ids.Take(2));
        var second = DetectorInputs();
        second[InputNames.NextToken] = page["NextToken"]!.Value<string>();
        (await CallAsync(Fn("list"), second)).ShouldBeCompleted(success: true, reason: null,
            new JObject { ["ResponseMetadata"] = Metadata, ["ThreatEntitySetIds"] = new JArray(ids.Skip(2)), ["status"] = "ok" }, second);
    }

    [Test]
    public async Task Update_changes_only_what_is_given()
    {
        var id = await CreateAsync("Before");
        var inputs = IdInputs(id);
        inputs[InputNames.NewName] = "After";
        inputs[InputNames.NewActivate] = false;

        var replies = await CallAsync(Fn("update"), inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject { ["ResponseMetadata"] = Metadata, ["status"] = "ok" }, inputs);
        var entry = GuardDuty.State.ThreatLists(Detector, StoreKind).Single();
        (entry.Name, entry.Location, entry.Status).Should().Be(("After", Location, "INACTIVE"));
    }

    [Test]
    public async Task Delete_removes_the_set_and_an_unknown_one_is_success_false()
    {
        var id = await CreateAsync("Gone soon");
        var inputs = IdInputs(id);

        (await CallAsync(Fn("delete"), inputs)).ShouldBeCompleted(success: true, reason: null,
            new JObject { ["ResponseMetadata"] = Metadata, ["status"] = "ok" }, inputs);
        GuardDuty.State.ThreatLists(Detector, StoreKind).Should().BeEmpty();
        (await CallAsync(Fn("delete"), inputs)).ShouldBeCompleted(success: false,
            reason: "BadRequestException: The request is rejected since no such resource found.", new JObject(), inputs);
    }

    private JObject DetectorInputs() => new() { [InputNames.Region] = Region, [InputNames.DetectorId] = Detector.DetectorId };

    private JObject IdInputs(string id)
    {
        var inputs = DetectorInputs();
        inputs[IdInput] = id;
        return inputs;
    }

    private JObject CreateInputs(string name)
    {
        var inputs = DetectorInputs();
        inputs[InputNames.Format] = "stix";
        inputs[InputNames.Name] = name;
        inputs[InputNames.Location] = Location;
        inputs[InputNames.Activate] = true;
        return inputs;
    }

    private async Task<string> CreateAsync(string name)
    {
        var content = (await CallAsync(Fn("create"), CreateInputs(name))).ShouldBeCompleted()["content"]!;
        return content[IdMember]!.Value<string>()!;
    }
}
