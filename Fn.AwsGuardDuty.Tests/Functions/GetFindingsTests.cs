using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Tests.Findings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_get_findings</c> through the listener and the GuardDuty emulator.</summary>
public class GetFindingsTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.GetFindings;

    [Test]
    public async Task Returns_the_findings_in_boto3_shape_and_the_ids_GuardDuty_did_not_return()
    {
        GuardDuty.State.AddFinding(Detector, WireVector());
        var generated = SeedFindings(2, seed: 401).Select(f => (string)f["id"]!).ToList();
        var inputs = Inputs($"{VectorId}\n{generated[0]}, 0000aaaa1111bbbb2222cccc3333dddd {generated[1]}", Detector.DetectorId);

        var replies = await CallAsync(Function, inputs);

        var results = replies.ShouldBeCompleted();
        JToken.DeepEquals(results["inputs"], JToken.Parse(inputs.ToString(Formatting.None))).Should().BeTrue("inputs are echoed");
        var content = (JObject)Reply.Json(results["raw"]!.Value<string>()!);
        content.Properties().Select(p => p.Name).Should().Equal("findings", "missing_ids");
        content["missing_ids"]!.Values<string>().Should().Equal("0000aaaa1111bbbb2222cccc3333dddd");
        var findings = (JArray)content["findings"]!;
        findings.Select(f => f["Id"]!.Value<string>()).Should().Equal(VectorId, generated[0], generated[1]);
        findings.Skip(1).Select(f => f["Service"]!["DetectorId"]!.Value<string>()).Should().AllBe(Detector.DetectorId, "members are PascalCase");

        // The hand-written wire finding comes back as the AWS CLI documents it (sample 01), moved into this fixture's
        // account and detector. Severity is a double on the wire and in boto3, so it is compared as a number.
        var actual = (JObject)findings[0];
        var expected = BotoVector();
        actual["Severity"]!.Value<double>().Should().Be(expected["Severity"]!.Value<double>());
        actual.Remove("Severity");
        expected.Remove("Severity");
        JToken.DeepEquals(actual, expected).Should().BeTrue(
            $"the finding is sample 01 in boto3 shape:\n{actual.ToString(Formatting.Indented)}\nexpected:\n{expected.ToString(Formatting.Indented)}");
    }

    [Test]
    public async Task A_JSON_array_of_ids_is_accepted_and_any_count_is_read_in_batches_of_50()
    {
        var ids = SeedFindings(60, seed: 402).Select(f => (string)f["id"]!).ToList();
        var asked = ids.Concat(Enumerable.Range(0, 50).Select(i => $"absent{i:D2}")).ToList();
        GuardDuty.State.Calls.Reset();

        var replies = await CallAsync(Function, Inputs(new JArray(asked).ToString(Newtonsoft.Json.Formatting.None), Detector.DetectorId));

        var content = replies.ShouldBeCompleted()["content"]!;
        content["findings"]!.Select(f => f["Id"]!.Value<string>()).Should().BeEquivalentTo(ids);
        content["missing_ids"]!.Values<string>().Should().Equal(asked.Skip(60));
        GuardDuty.State.Calls.Count("GetFindings").Should().Be(3);
    }

    [Test]
    public async Task An_unknown_detector_is_success_false_with_the_AWS_code_and_message()
    {
        var inputs = Inputs("c2bb95a17b879bffc96c58f8a1689784", UnknownDetector);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [Test]
    public async Task An_endpoint_that_does_not_answer_in_time_is_success_false_with_a_timeout_reason_not_a_hang()
    {
        GuardDuty.State.Faults.Latency = TimeSpan.FromSeconds(3);
        var inputs = Inputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId);
        var started = DateTime.UtcNow;

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false,
            reason: "Timeout: GuardDuty GetFindings in us-east-1 timed out: each of 3 attempt(s) exceeded 0.6 s.", new JObject(), inputs);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [TestCase(null, "missing required input 'aws_gd_finding_ids'")]
    [TestCase(" , ,", "missing required input 'aws_gd_finding_ids'")]
    [TestCase("[\"a\", 5]", "input 'aws_gd_finding_ids' is a JSON array, so every item must be a string id")]
    public async Task Missing_or_malformed_ids_are_refused_by_name(string? ids, string message)
    {
        var replies = await CallAsync(Function, Inputs(ids, Detector.DetectorId));

        replies.ShouldBeError(message);
    }

    private static JObject Inputs(string? ids, string detectorId) => new()
    {
        [InputNames.FindingIds] = ids,
        [InputNames.DetectorId] = detectorId,
        [InputNames.Region] = Region,
    };

    private const string VectorId = "1ab92989eaf0e742df4a014d5example";

    private string VectorArn => $"arn:aws:guardduty:{Region}:{Account}:detector/{Detector.DetectorId}/finding/{VectorId}";

    /// <summary>
    /// Sample 01 (the AWS CLI's get-findings example) as the GuardDuty API sends it, written by hand from
    /// guardduty-wire.md §5: member names with the first letter lower-cased (GeoLocation's lat/lon are so in both),
    /// string timestamps as ISO text, severity a double.
    /// </summary>
    private JObject WireVector() => Reply.Json("""
        {"resource": {"resourceType": "AccessKey", "accessKeyDetails": {"userName": "testuser", "userType": "IAMUser",
            "principalId": "AIDACKCEVSQ6C2EXAMPLE", "accessKeyId": "ASIASZ4SI7REEEXAMPLE"}},
         "description": "APIs commonly used to discover the users, groups, policies and permissions in an account, was invoked by IAM principal testuser under unusual circumstances. Such activity is not typically seen from this principal.",
         "service": {"count": 5, "archived": false, "serviceName": "guardduty", "eventFirstSeen": "2020-05-26T22:02:24Z",
            "resourceRole": "TARGET", "eventLastSeen": "2020-05-26T22:33:55Z", "detectorId": "@detector@",
            "action": {"actionType": "AWS_API_CALL", "awsApiCallAction": {
                "remoteIpDetails": {"geoLocation": {"lat": 51.5164, "lon": -0.093}, "city": {"cityName": "London"},
                    "ipAddressV4": "52.94.36.7", "organization": {"org": "Amazon.com", "isp": "Amazon.com", "asn": "16509", "asnOrg": "AMAZON-02"},
                    "country": {"countryName": "United Kingdom"}},
                "api": "ListPolicyVersions", "serviceName": "iam.amazonaws.com", "callerType": "Remote IP"}}},
         "title": "Unusual user permission reconnaissance activity by testuser.", "type": "Recon:IAMUser/UserPermissions",
         "region": "@region@", "partition": "aws", "arn": "@arn@", "updatedAt": "2020-05-26T22:55:21.703Z",
         "schemaVersion": "2.0", "severity": 5.0, "id": "@id@", "createdAt": "2020-05-26T22:21:48.385Z",
         "accountId": "@account@"}
        """.Replace("@detector@", Detector.DetectorId).Replace("@region@", Region).Replace("@arn@", VectorArn)
        .Replace("@id@", VectorId).Replace("@account@", Account)) as JObject ?? throw new InvalidOperationException("the wire vector is an object");

    /// <summary>Sample 01 from ../shared/data (the AWS CLI's output), moved into this fixture's account and detector.</summary>
    private JObject BotoVector()
    {
        var finding = VectorFiles.Sample(VectorFiles.Recon);
        finding["AccountId"] = Account;
        finding["Arn"] = VectorArn;
        finding["Region"] = Region;
        finding["Service"]!["DetectorId"] = Detector.DetectorId;
        return finding;
    }
}
