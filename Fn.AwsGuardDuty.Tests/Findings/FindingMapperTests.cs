using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

public class FindingMapperTests
{
    [Test]
    public void Properties_are_text_as_the_reference_writes_them()
    {
        var mapped = TestFindings.Map(TestFindings.With("""{ "Service": { "Archived": true, "Count": 12 } }"""));

        mapped.Payload.PropertiesToJson().ToString(Formatting.Indented).Should().Be(VectorFiles.Parse("""
            {
              "aws_guardduty_finding_id": "f-1",
              "aws_guardduty_finding_arn": "arn:aws:guardduty:us-east-1:123456789012:detector/det-1/finding/f-1",
              "aws_guardduty_finding_type": "Test:EC2/Example",
              "aws_guardduty_finding_updated_at": "2024-01-02T04:05:06.789Z",
              "aws_guardduty_region": "us-east-1",
              "aws_guardduty_severity": "5",
              "aws_guardduty_resource_type": "Instance",
              "aws_guardduty_detector_id": "det-1",
              "aws_guardduty_count": "12",
              "aws_guardduty_archived": "True",
              "aws_guardduty_account_id": "123456789012"
            }
            """).ToString(Formatting.Indented));
        mapped.Identity.Should().Be(new FindingIdentity("f-1", "det-1", "us-east-1"));
        mapped.ToIncidentPayloadJson()[IncidentFields.TriggerRefresh].Should().BeNull();
    }

    [Test]
    public void The_polled_region_wins_over_the_findings_region_in_properties_only()
    {
        var mapped = TestFindings.Mapper().Map(TestFindings.Minimal(), "eu-west-1");

        mapped.Payload.Properties[IncidentFields.Region].Should().Be("eu-west-1");
        mapped.Identity.Region.Should().Be("eu-west-1");
        mapped.Rows(DataTables.FindingOverview.Name).Single()[DataTables.FindingOverview.Region].Should().Be("us-east-1");
    }

    [Test]
    public void Name_and_description_fall_back_when_missing_or_empty()
    {
        var mapped = TestFindings.Map(TestFindings.With("""{ "Title": "", "Description": "" }"""));

        mapped.Payload.Name.Should().Be("AWS GuardDuty: No Title Provided, Create date : 2024-01-02T03:04:05.678Z.");
        mapped.Payload.Description.Should().Be("AWS GuardDuty finding --");
        var json = mapped.ToIncidentPayloadJson();
        json["description"]!.ToString(Formatting.None).Should().Be("""{"format":"text","content":"AWS GuardDuty finding --"}""");
    }

    [Test]
    public void Discovered_date_is_epoch_ms_and_left_out_when_created_at_is_missing_or_unreadable()
    {
        TestFindings.Map(TestFindings.Minimal()).Payload.DiscoveredDate.Should().Be(1704164645678L);

        var missing = TestFindings.Minimal();
        missing.Remove("CreatedAt");
        TestFindings.Map(missing).ToIncidentPayloadJson().ContainsKey("discovered_date").Should().BeFalse();
        TestFindings.Map(missing).Payload.Name.Should().Be("AWS GuardDuty: Test finding");
        TestFindings.Map(TestFindings.With("""{ "CreatedAt": "yesterday" }""")).Payload.DiscoveredDate.Should().BeNull();
    }

    [TestCase("Id", "Id")]
    [TestCase("Type", "Type")]
    public void A_finding_without_id_or_type_is_rejected_by_name(string member, string named)
    {
        var finding = TestFindings.Minimal();
        finding.Remove(member);

        var act = () => TestFindings.Map(finding);

        act.Should().Throw<InvalidFindingException>().WithMessage($"*cannot be mapped: it has no {named}.");
    }

    [Test]
    public void A_finding_without_detector_is_rejected_naming_the_finding()
    {
        var finding = TestFindings.Minimal();
        ((JObject)finding["Service"]!).Remove("DetectorId");

        var act = () => TestFindings.Map(finding);

        act.Should().Throw<InvalidFindingException>().WithMessage("GuardDuty finding 'f-1' cannot be mapped: it has no Service.DetectorId.");
    }

    [Test]
    public void An_empty_object_names_all_three_missing_members()
    {
        var act = () => TestFindings.Map(new JObject());

        act.Should().Throw<InvalidFindingException>().WithMessage("A GuardDuty finding cannot be mapped: it has no Id, Type, Service.DetectorId.");
    }

    [Test]
    public void Null_finding_and_empty_region_are_argument_errors()
    {
        var mapper = TestFindings.Mapper();

        ((Action)(() => mapper.Map(null!, "us-east-1"))).Should().Throw<ArgumentNullException>();
        ((Action)(() => mapper.Map(TestFindings.Minimal(), " "))).Should().Throw<ArgumentException>().WithParameterName("region");
    }

    [TestCase("""{ "Service": { "Action": null } }""")]
    [TestCase("""{ "Service": { "Action": [] } }""")]
    [TestCase("""{ "Service": { "Action": "NETWORK_CONNECTION" } }""")]
    [TestCase("""{ "Service": { "Action": { "ActionType": "PORT_PROBE", "PortProbeAction": { "PortProbeDetails": [ 1, null, {} ] } } } }""")]
    [TestCase("""{ "Service": { "Action": { "ActionType": "PORT_PROBE", "PortProbeAction": { "PortProbeDetails": {} } } } }""")]
    [TestCase("""{ "Service": { "Action": { "ActionType": "KUBERNETES_API_CALL", "KubernetesApiCallAction": { "SourceIps": "1.2.3.4" } } } }""")]
    [TestCase("""{ "Resource": "gone" }""")]
    [TestCase("""{ "Resource": { "S3BucketDetails": "none", "InstanceDetails": [ 1 ], "AccessKeyDetails": 7 } }""")]
    [TestCase("""{ "Resource": { "S3BucketDetails": [ null, 3, { "Name": 5 } ], "InstanceDetails": { "NetworkInterfaces": [ "eni", {} ] } } }""")]
    [TestCase("""{ "Service": { "Detection": { "Sequence": "none" } } }""")]
    [TestCase("""{ "Service": { "Detection": { "Sequence": { "Signals": { "Uid": "x" }, "SequenceIndicators": "TOR_IP", "Actors": [ 1, null ] } } } }""")]
    [TestCase("""{ "Service": { "Detection": { "Sequence": { "Signals": [ null, 7, {}, { "FirstSeenAt": "yesterday", "LastSeenAt": 1e300, "ResourceUids": "one", "ActorIds": [ null, {} ] } ], "SequenceIndicators": [ {}, { "Values": [ 1, true ] } ], "Actors": [ { "User": "bob" }, { "User": { "Name": { "First": "x" } } } ], "Endpoints": [ { "Ip": [ "1.2.3.4" ] } ] } } } }""")]
    [TestCase("""{ "Region": 42, "Title": { "Text": "odd" }, "Description": [ "odd" ], "Severity": true, "Service": { "Count": "many", "Archived": "no" } }""")]
    public void Odd_or_missing_members_never_throw(string json)
    {
        var mapped = TestFindings.Map(TestFindings.With(json));

        mapped.DataTables.Should().HaveCount(DataTables.All.Count);
        mapped.ToRefreshContentJson().Should().NotBeNull();
        mapped.ToIncidentPayloadJson()["name"]!.Value<string>().Should().StartWith("AWS GuardDuty: ");
    }

    [Test]
    public void A_finding_with_only_the_required_members_maps()
    {
        var finding = VectorFiles.Parse("""{ "Id": "only", "Type": "T", "Service": { "DetectorId": "d" } }""");

        var mapped = TestFindings.Map(finding);

        mapped.Payload.SeverityCode.Should().Be("Low");
        mapped.Payload.Properties[IncidentFields.FindingArn].Should().BeNull();
        mapped.ToIncidentPayloadJson()["properties"]![IncidentFields.FindingArn]!.Type.Should().Be(JTokenType.Null);
        mapped.Artifacts.Should().BeEmpty();
        mapped.Rows(DataTables.AccessKeyDetails.Name).Should().BeEmpty();
    }

    [Test]
    public void Timestamp_tokens_become_reference_text_and_the_callers_object_is_untouched()
    {
        var finding = TestFindings.Minimal();
        finding["Resource"]!["S3BucketDetails"] = new JArray(new JObject
        {
            ["Name"] = "b",
            ["CreatedAt"] = new DateTime(2017, 12, 18, 15, 58, 11, 551, DateTimeKind.Utc),
        });
        var before = finding.ToString();

        var mapped = TestFindings.Map(finding);

        finding.ToString().Should().Be(before);
        mapped.Finding["Resource"]!["S3BucketDetails"]![0]!["CreatedAt"]!.Value<string>().Should().Be("2017-12-18 15:58:11");
        mapped.Note.Content.Should().Contain("\"CreatedAt\": \"2017-12-18 15:58:11\"");
    }

    [Test]
    public void The_timestamp_is_the_injected_clock_in_local_time()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2025, 1, 31, 23, 59, 58, TimeSpan.Zero));

        var mapped = new FindingMapper(clock).Map(TestFindings.Minimal(), TestFindings.Region);

        mapped.Timestamp.Should().Be("2025-01-31 23:59:58");
        mapped.Rows(DataTables.FindingOverview.Name).Single()[DataTables.QueryExecutionDate].Should().Be("2025-01-31 23:59:58");
    }

    [Test]
    public void The_mapper_emits_only_the_contracts_columns_and_artifact_types()
    {
        var columns = DataTables.All.ToDictionary(t => t.Name, t => t.Columns.Select(c => c.Name).ToHashSet());
        var findings = new[] { VectorFiles.Recon, VectorFiles.Discovery, VectorFiles.S3WithInstance, VectorFiles.PortProbe }
            .Select(VectorFiles.Sample)
            .Append(TestFindings.With("""
                { "Resource": { "KubernetesDetails": { "KubernetesUserDetails": { "Username": "u" } } },
                  "Service": { "Action": { "ActionType": "KUBERNETES_API_CALL", "KubernetesApiCallAction": { "Verb": "get", "SourceIps": [ "2001:db8::1" ] },
                    "DnsRequestAction": { "Domain": "d.example", "Blocked": true } } } }
                """));

        foreach (var finding in findings)
        {
            var mapped = TestFindings.Map(finding);
            foreach (var table in mapped.DataTables)
                table.Rows.SelectMany(r => r.Cells.Select(c => c.Key)).Should().BeSubsetOf(columns[table.Table]);
            mapped.Artifacts.Select(a => a.Type).Should().BeSubsetOf(ArtifactTypes.All.Select(t => t.ApiName));
        }
    }
}
