using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>findingCriteria semantics of guardduty-wire.md §3, current and deprecated operators, over real HTTP.</summary>
public class CriteriaTests : CriteriaFixture
{
    [TestCase("equals")]
    [TestCase("eq")]
    public async Task Equals_is_any_of(string op)
    {
        var ids = await List(new JObject { ["type"] = new JObject { [op] = new JArray("Backdoor:EC2/DenialOfService.Tcp", "Policy:S3/BucketBlockPublicAccessDisabled") } });

        ids.Should().BeEquivalentTo("f3", "f5");
    }

    [TestCase("notEquals")]
    [TestCase("neq")]
    public async Task NotEquals_is_none_of(string op)
    {
        var ids = await List(new JObject { ["resource.resourceType"] = new JObject { [op] = new JArray("Instance", "EKSCluster") } });

        ids.Should().BeEquivalentTo("f4", "f5");
    }

    [TestCase("greaterThan", 7, new[] { "f3", "f4", "f6" })]
    [TestCase("gt", 7, new[] { "f3", "f4", "f6" })]
    [TestCase("greaterThanOrEqual", 7, new[] { "f3", "f4", "f5", "f6" })]
    [TestCase("gte", 9, new[] { "f4", "f6" })]
    [TestCase("lessThan", 7, new[] { "f1", "f2" })]
    [TestCase("lt", 6, new[] { "f1", "f2" })]
    [TestCase("lessThanOrEqual", 2, new[] { "f1" })]
    [TestCase("lte", 9, new[] { "f1", "f2", "f3", "f4", "f5" })]
    public async Task Severity_bounds_compare_with_float_severities(string op, int bound, string[] expected)
    {
        var ids = await List(new JObject { ["severity"] = new JObject { [op] = bound } });

        ids.Should().BeEquivalentTo(expected);
    }

    [Test]
    public async Task Severity_range_with_two_operators_selects_a_band()
    {
        var high = await List(new JObject { ["severity"] = new JObject { ["greaterThanOrEqual"] = 7, ["lessThan"] = 9 } });

        high.Should().BeEquivalentTo("f3", "f5");
    }

    [Test]
    public async Task UpdatedAt_is_compared_as_64_bit_epoch_milliseconds()
    {
        (await List(new JObject { ["updatedAt"] = new JObject { ["greaterThan"] = EpochMs(3) } })).Should().BeEquivalentTo("f5", "f6");
        (await List(new JObject { ["updatedAt"] = new JObject { ["greaterThanOrEqual"] = EpochMs(3) } })).Should().BeEquivalentTo("f4", "f5", "f6");
        (await List(new JObject { ["updatedAt"] = new JObject { ["lessThan"] = EpochMs(1), ["greaterThanOrEqual"] = EpochMs(0) } })).Should().BeEquivalentTo("f1");
        (await List(new JObject { ["updatedAt"] = new JObject { ["equals"] = new JArray(EpochMs(2).ToString()) } })).Should().BeEquivalentTo("f3");
    }

    [Test]
    public async Task Deprecated_32_bit_operator_cannot_carry_epoch_milliseconds()
    {
        var response = await ListRaw(new JObject { ["updatedAt"] = new JObject { ["gt"] = EpochMs(0) } });

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        response.Json.Value<string>("message").Should().Contain("out-of-range");
    }

    [Test]
    public async Task CreatedAt_is_a_timestamp_too()
    {
        var cutoff = Base.AddHours(-1).AddMinutes(2).ToUnixTimeMilliseconds();

        (await List(new JObject { ["createdAt"] = new JObject { ["lessThan"] = cutoff } })).Should().BeEquivalentTo("f1", "f2");
    }

    [Test]
    public async Task Archived_is_matched_as_true_false_strings()
    {
        (await List(new JObject { ["service.archived"] = new JObject { ["equals"] = new JArray("true") } })).Should().BeEquivalentTo("f3");
        (await List(new JObject { ["service.archived"] = new JObject { ["equals"] = new JArray("false") } })).Should().BeEquivalentTo("f1", "f2", "f4", "f5", "f6");
        (await List(null)).Should().HaveCount(6, "without the criterion archived findings are listed too");
    }

    [Test]
    public async Task Dotted_path_through_arrays_matches_any_element()
    {
        var second = await List(new JObject { ["resource.instanceDetails.networkInterfaces.publicIp"] = new JObject { ["equals"] = new JArray("198.51.100.2") } });
        var none = await List(new JObject { ["resource.instanceDetails.networkInterfaces.publicIp"] = new JObject { ["equals"] = new JArray("203.0.113.9") } });

        second.Should().Equal("f1");
        none.Should().BeEmpty();
    }

    [Test]
    public async Task Action_type_account_region_id_and_detector_fields()
    {
        (await List(new JObject { ["service.action.actionType"] = new JObject { ["equals"] = new JArray("PORT_PROBE") } })).Should().Equal("f1");
        (await List(new JObject { ["accountId"] = new JObject { ["equals"] = new JArray(AccountA) } })).Should().HaveCount(6);
        (await List(new JObject { ["region"] = new JObject { ["equals"] = new JArray("us-east-1") } })).Should().BeEmpty();
        (await List(new JObject { ["id"] = new JObject { ["equals"] = new JArray("f2", "f6") } })).Should().BeEquivalentTo("f2", "f6");
        (await List(new JObject { ["service.detectorId"] = new JObject { ["equals"] = new JArray(Detector.DetectorId) } })).Should().HaveCount(6);
    }

    [Test]
    public async Task Numeric_fields_match_equals_text_and_bounds()
    {
        (await List(new JObject { ["service.action.networkConnectionAction.localPortDetails.port"] = new JObject { ["equals"] = new JArray("22") } })).Should().Equal("f2");
        (await List(new JObject { ["service.action.networkConnectionAction.localPortDetails.port"] = new JObject { ["lessThan"] = 100 } })).Should().Equal("f2");
        (await List(new JObject { ["severity"] = new JObject { ["equals"] = new JArray("5.5") } })).Should().Equal("f2");
        (await List(new JObject { ["severity"] = new JObject { ["equals"] = new JArray("10") } })).Should().Equal("f6");
    }

    [Test]
    public async Task Fields_are_anded()
    {
        var ids = await List(new JObject
        {
            ["service.archived"] = new JObject { ["equals"] = new JArray("false") },
            ["severity"] = new JObject { ["greaterThanOrEqual"] = 7 },
            ["resource.resourceType"] = new JObject { ["notEquals"] = new JArray("S3Bucket") },
        });

        ids.Should().BeEquivalentTo("f4", "f6");
    }

    [TestCase("{\"severty\":{\"gte\":7}}")]
    [TestCase("{\"type\":{\"matches\":[\"Recon*\"]}}")]
    [TestCase("{\"type\":{\"notMatches\":[\"Recon*\"]}}")]
    [TestCase("{\"severity\":{\"greaterThan\":7.5}}")]
    [TestCase("{\"severity\":{\"greaterThan\":\"7\"}}")]
    [TestCase("{\"severity\":{\"between\":[1,2]}}")]
    [TestCase("{\"severity\":{}}")]
    [TestCase("{\"type\":{\"equals\":[7]}}")]
    [TestCase("{\"type\":{\"equals\":\"Recon\"}}")]
    [TestCase("{\"type\":[\"Recon\"]}")]
    [TestCase("{\"updatedAt\":{\"greaterThan\":99999999999999999999}}")]
    public async Task Invalid_criteria_are_rejected(string criterion)
    {
        var response = await ListRaw(JObject.Parse(criterion));

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task More_than_50_equals_values_are_out_of_range()
    {
        var response = await ListRaw(new JObject { ["id"] = new JObject { ["equals"] = new JArray(Enumerable.Range(0, 51).Select(i => $"f{i}")) } });

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Statistics_use_the_same_criteria()
    {
        var response = await Client("eu-west-1").PostAsync(FindingsPath(Detector, "/statistics"), new JObject
        {
            ["findingStatisticTypes"] = new JArray("COUNT_BY_SEVERITY"),
            ["findingCriteria"] = new JObject { ["criterion"] = new JObject { ["severity"] = new JObject { ["gte"] = 7 } } },
        });

        response.ShouldBeOk()["findingStatistics"]!["countBySeverity"]!.ToObject<Dictionary<string, int>>()
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["7.0"] = 1, ["8.9"] = 1, ["9.0"] = 1, ["10.0"] = 1 });
    }
}
