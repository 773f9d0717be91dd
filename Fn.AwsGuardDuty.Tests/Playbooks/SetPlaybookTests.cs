using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>The ten IPSet/ThreatIntelSet playbooks' post-process scripts, on success and on each kind of failure.</summary>
public class SetPlaybookTests
{
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    private static JObject Inputs(params (string Name, JToken Value)[] extra)
    {
        var inputs = new JObject { ["aws_gd_detector_id"] = TestIncident.DetectorId, ["aws_gd_region"] = TestIncident.Region };
        foreach (var (name, value) in extra)
            inputs[name] = value;
        return inputs;
    }

    public static IEnumerable<TestCaseData> Successes()
    {
        yield return new TestCaseData("aws_guardduty_create_ipset_pb", new JObject { ["IpSetId"] = "6c4c7290f81b40ab85e298a785b1db38", ["status"] = "ok" },
            Inputs(("aws_gd_name", "trusted")), new[] { "IpSetId:</b> 6c4c7290f81b40ab85e298a785b1db38", "trusted" });
        yield return new TestCaseData("aws_guardduty_create_threatintelset_pb", new JObject { ["ThreatIntelSetId"] = "114d0bd0", ["status"] = "ok" },
            Inputs(("aws_gd_name", "bad ips")), new[] { "ThreatIntelSetId:</b> 114d0bd0" });
        yield return new TestCaseData("aws_guardduty_list_ipset_pb", new JArray("a1", "b2"), Inputs(), new[] { "Listing all the IpSetIds", "a1<br>b2" });
        yield return new TestCaseData("aws_guardduty_list_ipset_pb", new JArray(), Inputs(), new[] { "No IPSets found on AWS GuardDuty for this region" });
        yield return new TestCaseData("aws_guardduty_get_ipset_pb",
            new JObject { ["Name"] = "trusted", ["Format"] = "TXT", ["Location"] = "s3://b/ips.txt", ["Status"] = "ACTIVE", ["Tags"] = new JObject { ["team"] = "soc" }, ["ExpectedBucketOwner"] = "123456789012" },
            Inputs(("aws_gd_ip_set_id", "a1")), new[] { "IPSet ID:</b> a1", "Format:</b> TXT", "s3://b/ips.txt", "ACTIVE", "team: soc", "BucketOwner:</b> 123456789012" });
        yield return new TestCaseData("aws_guardduty_get_threatintelset_pb",
            new JObject { ["Name"] = "bad", ["Format"] = "STIX", ["Location"] = "s3://b/t.xml", ["Status"] = "INACTIVE", ["Tags"] = new JObject() },
            Inputs(("aws_gd_threat_intel_set_id", "t1")), new[] { "ThreatIntelSet ID:</b> t1", "STIX", "Tags:</b> none" });
        yield return new TestCaseData("aws_guardduty_update_ipset_pb", new JObject { ["status"] = "ok" }, Inputs(("aws_gd_ip_set_id", "a1")),
            new[] { "IPSet updated:</b> a1", "Status of request:</b> ok" });
        yield return new TestCaseData("aws_guardduty_update_threatintelset_pb", new JObject { ["status"] = "ok" }, Inputs(("aws_gd_threat_intel_set_id", "t1")),
            new[] { "ThreatIntelSet updated:</b> t1" });
        yield return new TestCaseData("aws_guardduty_delete_ipset_pb", new JObject { ["status"] = "ok" }, Inputs(("aws_gd_ip_set_id", "a1")),
            new[] { "IPSet Deleted:</b> a1", "Status of request:</b> ok" });
        yield return new TestCaseData("aws_guardduty_delete_threatintelset_pb", new JObject { ["status"] = "ok" }, Inputs(("aws_gd_threat_intel_set_id", "t1")),
            new[] { "ThreatIntelSet Deleted:</b> t1" });
    }

    [TestCaseSource(nameof(Successes))]
    public async Task Success_notes_the_region_the_function_and_the_details(string playbook, JToken content, JObject inputs, string[] expected)
    {
        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, inputs));

        run.Changed.Should().BeEmpty("these playbooks only report");
        run.Note.Should().StartWith($"Action ran for AWS Region: <b>{TestIncident.Region}</b><br>").And.Contain("Successfully executed");
        foreach (var fragment in expected)
            run.Note.Should().Contain(fragment);
    }

    // The list functions' two content shapes: a bare array when the listing is complete, {"ids", "next_token"} when
    // aws_gd_max_results capped it with more ids left.
    [TestCase("aws_guardduty_list_ipset_pb", "IpSetIds", "IPSets")]
    [TestCase("aws_guardduty_list_threatintelset_pb", "ThreatIntelSetIds", "ThreatIntelSets")]
    public async Task List_notes_every_id_of_a_complete_listing_without_a_token(string playbook, string idsName, string noun)
    {
        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JArray("a1", "b2<"), Inputs()));

        run.Changed.Should().BeEmpty();
        run.Note.Should().Contain("Successfully executed").And.Contain($"Listing all the {idsName}:</b><br>a1<br>b2&lt;")
            .And.NotContain("Next token").And.NotContain("More ids remain");

        var empty = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JArray(), Inputs()));
        empty.Note.Should().Contain($"No {noun} found on AWS GuardDuty for this region").And.NotContain("Next token");
    }

    [TestCase("aws_guardduty_list_ipset_pb", "IpSetIds")]
    [TestCase("aws_guardduty_list_threatintelset_pb", "ThreatIntelSetIds")]
    public async Task List_notes_the_ids_and_the_next_token_of_a_capped_listing(string playbook, string idsName)
    {
        var content = new JObject { ["ids"] = new JArray("a1", "b2"), ["next_token"] = "tok&en" };

        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, Inputs(("aws_gd_max_results", 2))));

        run.Changed.Should().BeEmpty();
        run.Note.Should().Contain("Successfully executed").And.Contain($"Listing all the {idsName}:</b><br>a1<br>b2")
            .And.Contain("<b>Next token:</b> tok&amp;en").And.Contain("aws_gd_next_token");
    }

    [TestCase("aws_guardduty_list_ipset_pb", "IPSets")]
    [TestCase("aws_guardduty_list_threatintelset_pb", "ThreatIntelSets")]
    public async Task List_with_a_token_but_no_ids_still_gives_the_token(string playbook, string noun)
    {
        var content = new JObject { ["ids"] = new JArray(), ["next_token"] = "nt" };

        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, Inputs()));

        run.Note.Should().Contain($"No {noun} found").And.Contain("<b>Next token:</b> nt");
    }

    [TestCase("aws_guardduty_create_ipset_pb")]
    [TestCase("aws_guardduty_list_ipset_pb")]
    [TestCase("aws_guardduty_get_ipset_pb")]
    [TestCase("aws_guardduty_update_ipset_pb")]
    [TestCase("aws_guardduty_delete_ipset_pb")]
    [TestCase("aws_guardduty_create_threatintelset_pb")]
    [TestCase("aws_guardduty_list_threatintelset_pb")]
    [TestCase("aws_guardduty_get_threatintelset_pb")]
    [TestCase("aws_guardduty_update_threatintelset_pb")]
    [TestCase("aws_guardduty_delete_threatintelset_pb")]
    public async Task Failures_are_noted_with_their_reason(string playbook)
    {
        var failed = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JObject(), Inputs(), success: false,
            reason: "BadRequestException: The request is rejected because the input detectorId is not owned by the current account."));
        failed.Note.Should().Contain("Execution error").And.Contain("<b>Reason:</b> BadRequestException: The request is rejected");

        var legacy = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JObject { ["status"] = "error", ["msg"] = "ValidationError: bad <name>" }, Inputs()));
        legacy.Note.Should().Contain("Execution error").And.Contain("ValidationError: bad &lt;name&gt;");

        var none = await _harness.RunPostProcessAsync(playbook, null);
        none.Note.Should().Contain("no result was returned");
    }
}
