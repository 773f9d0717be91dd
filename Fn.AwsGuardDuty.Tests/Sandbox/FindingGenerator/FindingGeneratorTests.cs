using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.FindingGenerator;

/// <summary>Deterministic, realistic, streamed findings covering every action type, resource type and severity band.</summary>
public class FindingGeneratorTests
{
    [Test]
    public void Hundred_thousand_findings_stream_quickly_with_full_coverage()
    {
        var actionTypes = new HashSet<string>();
        var resourceTypes = new HashSet<string>();
        var bands = new HashSet<string>();
        var ids = new HashSet<string>();
        var fractional = 0;
        var watch = Stopwatch.StartNew();

        foreach (var finding in new GuardDutyFindingGenerator(2024).Generate(100_000))
        {
            ids.Add((string)finding["id"]!);
            actionTypes.Add((string)finding.SelectToken("service.action.actionType")!);
            resourceTypes.Add((string)finding.SelectToken("resource.resourceType")!);
            var severity = (double)finding["severity"]!;
            severity.Should().BeInRange(1.0, 10.0);
            bands.Add(SeverityBand.Of(severity).Name);
            fractional += severity % 1 != 0 ? 1 : 0;
        }

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        ids.Should().HaveCount(100_000);
        actionTypes.Should().BeEquivalentTo(FindingActionType.All);
        resourceTypes.Should().BeEquivalentTo(FindingResourceType.All);
        bands.Should().BeEquivalentTo("Low", "Medium", "High", "Critical");
        fractional.Should().BeGreaterThan(50_000);
    }

    [Test]
    public void Same_seed_same_findings_other_seed_other_findings()
    {
        var first = Digest(new GuardDutyFindingGenerator(99).Generate(3_000));
        var second = Digest(new GuardDutyFindingGenerator(99).Generate(3_000));
        var other = Digest(new GuardDutyFindingGenerator(100).Generate(3_000));

        second.Should().Be(first);
        other.Should().NotBe(first);
    }

    [Test]
    public void Findings_have_the_wire_shape_and_consistent_types()
    {
        var detectorId = GuardDutyFindingGenerator.StableDetectorId("123456789012", "us-east-1");
        foreach (var finding in new GuardDutyFindingGenerator(5).Generate(500))
        {
            var id = (string)finding["id"]!;
            id.Should().MatchRegex("^[0-9a-f]{32}$");
            finding.Value<string>("arn").Should().Be($"arn:aws:guardduty:us-east-1:123456789012:detector/{detectorId}/finding/{id}");
            finding.Value<string>("schemaVersion").Should().Be("2.0");
            foreach (var path in new[] { "createdAt", "updatedAt", "service.eventFirstSeen", "service.eventLastSeen" })
            {
                finding.SelectToken(path)!.Type.Should().Be(JTokenType.String);
                ((string)finding.SelectToken(path)!).Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", path);
            }

            finding.SelectToken("service.archived")!.Value<bool>().Should().BeFalse();
            finding.SelectToken("service.count")!.Value<int>().Should().BeGreaterThan(0);
            DateTimeOffset.Parse((string)finding["updatedAt"]!).Should().BeOnOrAfter(DateTimeOffset.Parse((string)finding["createdAt"]!));

            var profile = FindingTypeCatalog.Find((string)finding["type"]!)!;
            finding.SelectToken("resource.resourceType")!.ToString().Should().Be(profile.ResourceType);
            finding.SelectToken("service.action.actionType")!.ToString().Should().Be(profile.ActionType);
            SeverityBand.Of((double)finding["severity"]!).Should().Be(profile.Band);
            CheckResource(finding, profile);
            CheckAction(finding, profile);
        }
    }

    [Test]
    public void Generation_is_lazy()
    {
        var generator = new GuardDutyFindingGenerator(1);

        using var enumerator = generator.Generate(int.MaxValue).GetEnumerator();

        enumerator.MoveNext().Should().BeTrue();
        enumerator.Current["id"].Should().NotBeNull();
    }

    [Test]
    public void Options_are_validated_and_types_can_be_restricted()
    {
        FluentActions.Invoking(() => new GuardDutyFindingGenerator(1, new FindingGeneratorOptions { AccountId = "12" })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new GuardDutyFindingGenerator(1, new FindingGeneratorOptions { Types = ["Nope:X/Y"] })).Should().Throw<ArgumentException>().WithMessage("*Nope:X/Y*");

        var only = new GuardDutyFindingGenerator(1, new FindingGeneratorOptions { Types = ["Trojan:EC2/DNSDataExfiltration"], Region = "eu-west-1" }).Generate(20).ToList();

        only.Should().AllSatisfy(f =>
        {
            f.Value<string>("type").Should().Be("Trojan:EC2/DNSDataExfiltration");
            f.Value<string>("region").Should().Be("eu-west-1");
            f.SelectToken("service.action.dnsRequestAction.domain")!.ToString().Should().EndWith(".exfil.example-tunnel.net");
        });
    }

    private static void CheckResource(JObject finding, FindingTypeProfile profile)
    {
        switch (profile.ResourceType)
        {
            case FindingResourceType.Instance:
                var interfaces = (JArray)finding.SelectToken("resource.instanceDetails.networkInterfaces")!;
                interfaces.Count.Should().BeGreaterThanOrEqualTo(2);
                interfaces.Should().AllSatisfy(ni =>
                {
                    ni["privateIpAddress"]!.ToString().Should().StartWith("10.");
                    ni["publicIp"]!.ToString().Should().NotBeNullOrEmpty();
                    ni["privateIpAddresses"]!.Should().NotBeEmpty();
                    ni["ipv6Addresses"]!.Type.Should().Be(JTokenType.Array);
                });
                finding.SelectToken("resource.instanceDetails.instanceId")!.ToString().Should().MatchRegex("^i-0[0-9a-f]{16}$");
                break;
            case FindingResourceType.S3Bucket:
                var buckets = (JArray)finding.SelectToken("resource.s3BucketDetails")!;
                buckets.Count.Should().BeGreaterThanOrEqualTo(2);
                buckets.Should().AllSatisfy(b => b["createdAt"]!.Type.Should().BeOneOf(JTokenType.Float, JTokenType.Integer));
                break;
            case FindingResourceType.EksCluster:
                finding.SelectToken("resource.eksClusterDetails.arn")!.ToString().Should().StartWith("arn:aws:eks:");
                finding.SelectToken("resource.kubernetesDetails.kubernetesWorkloadDetails.containers")!.Should().NotBeEmpty();
                break;
            default:
                finding.SelectToken("resource.accessKeyDetails.accessKeyId")!.ToString().Should().MatchRegex("^(AKIA|ASIA)[A-Z2-7]{16}$|^Root$|^AKIA");
                break;
        }
    }

    private static void CheckAction(JObject finding, FindingTypeProfile profile)
    {
        switch (profile.ActionType)
        {
            case FindingActionType.PortProbe:
                finding.SelectToken("service.action.portProbeAction.portProbeDetails")!.Count().Should().BeGreaterThanOrEqualTo(2);
                break;
            case FindingActionType.NetworkConnection:
                finding.SelectToken("service.action.networkConnectionAction.remoteIpDetails.ipAddressV4")!.ToString().Should().NotBeEmpty();
                break;
            case FindingActionType.DnsRequest:
                finding.SelectToken("service.action.dnsRequestAction.domain")!.ToString().Should().Contain(".");
                break;
            case FindingActionType.KubernetesApiCall:
                finding.SelectToken("service.action.kubernetesApiCallAction.sourceIPs")!.Should().NotBeEmpty();
                break;
            default:
                finding.SelectToken("service.action.awsApiCallAction.api")!.ToString().Should().Be(profile.Detail);
                break;
        }
    }

    private static string Digest(IEnumerable<JObject> findings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var finding in findings)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(WireJson.Serialize(finding)));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
