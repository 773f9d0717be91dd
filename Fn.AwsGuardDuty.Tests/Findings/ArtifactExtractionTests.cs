using Fn.AwsGuardDuty.Findings;

namespace Fn.AwsGuardDuty.Tests.Findings;

public class ArtifactExtractionTests
{
    private static IReadOnlyList<IncidentArtifact> Artifacts(string json) => TestFindings.Map(TestFindings.With(json)).Artifacts;

    private static string Described(string displayType, string key, string path) =>
        $"'{displayType}' extracted from GuardDuty from finding property '{key}' at path '{path}'.";

    [Test]
    public void IPv6_addresses_are_extracted_from_ip_details_and_interface_lists()
    {
        var artifacts = Artifacts("""
            {
              "Resource": { "InstanceDetails": { "NetworkInterfaces": [
                { "Ipv6Addresses": [ "2001:db8::10", "2001:db8::11" ], "PrivateIpAddress": "10.0.0.5" } ] } },
              "Service": { "Action": { "ActionType": "NETWORK_CONNECTION", "NetworkConnectionAction": {
                "RemoteIpDetails": { "IpAddressV6": "2001:db8::1" } } } }
            }
            """);

        artifacts.Should().BeEquivalentTo(new[]
        {
            new IncidentArtifact(ArtifactTypes.IpAddress, "10.0.0.5",
                Described("IP Address", "PrivateIpAddress", "['Resource', 'InstanceDetails', 'NetworkInterfaces', 0]")),
            new IncidentArtifact(ArtifactTypes.IpAddress, "2001:db8::1",
                Described("IP Address", "IpAddressV6", "['Service', 'Action', 'NetworkConnectionAction', 'RemoteIpDetails']")),
            new IncidentArtifact(ArtifactTypes.IpAddress, "2001:db8::10",
                Described("IP Address", "Ipv6Addresses", "['Resource', 'InstanceDetails', 'NetworkInterfaces', 0]")),
            new IncidentArtifact(ArtifactTypes.IpAddress, "2001:db8::11",
                Described("IP Address", "Ipv6Addresses", "['Resource', 'InstanceDetails', 'NetworkInterfaces', 0]")),
        }, o => o.WithStrictOrdering());
    }

    [Test]
    public void Every_bucket_and_every_interface_gives_artifacts_with_its_own_index_in_the_path()
    {
        var artifacts = Artifacts("""
            {
              "Resource": {
                "S3BucketDetails": [ { "Name": "bucket-a" }, { "Name": "bucket-b" }, { "Name": "bucket-c" } ],
                "InstanceDetails": { "NetworkInterfaces": [
                  { "PrivateIpAddress": "10.0.0.1", "PublicDnsName": "one.example" },
                  { "PrivateIpAddress": "10.0.0.2", "PublicDnsName": "two.example" },
                  { "PrivateIpAddress": "10.0.0.3" } ] }
              }
            }
            """);

        artifacts.Where(a => a.Type == ArtifactTypes.S3BucketName).Select(a => (a.Value, a.Description)).Should().Equal(
            ("bucket-a", Described("AWS S3 Bucket Name", "Name", "['Resource', 'S3BucketDetails', 0]")),
            ("bucket-b", Described("AWS S3 Bucket Name", "Name", "['Resource', 'S3BucketDetails', 1]")),
            ("bucket-c", Described("AWS S3 Bucket Name", "Name", "['Resource', 'S3BucketDetails', 2]")));
        // The reference would write [..., 0, 1] and [..., 0, 1, 2] here (§8 #14).
        artifacts.Where(a => a.Type == ArtifactTypes.IpAddress).Select(a => (a.Value, a.Description)).Should().Equal(
            ("10.0.0.1", Described("IP Address", "PrivateIpAddress", "['Resource', 'InstanceDetails', 'NetworkInterfaces', 0]")),
            ("10.0.0.2", Described("IP Address", "PrivateIpAddress", "['Resource', 'InstanceDetails', 'NetworkInterfaces', 1]")),
            ("10.0.0.3", Described("IP Address", "PrivateIpAddress", "['Resource', 'InstanceDetails', 'NetworkInterfaces', 2]")));
        artifacts.Where(a => a.Type == ArtifactTypes.DnsName).Select(a => a.Value).Should().Equal("one.example", "two.example");
    }

    [Test]
    public void Every_port_probe_gives_its_addresses_and_ports()
    {
        var artifacts = Artifacts("""
            { "Service": { "Action": { "ActionType": "PORT_PROBE", "PortProbeAction": { "PortProbeDetails": [
              { "LocalPortDetails": { "Port": 22 }, "RemoteIpDetails": { "IpAddressV4": "203.0.113.1" } },
              { "LocalPortDetails": { "Port": 3389 }, "RemoteIpDetails": { "IpAddressV4": "203.0.113.2" } } ] } } } }
            """);

        artifacts.Select(a => (a.Type, a.Value)).Should().Equal(
            (ArtifactTypes.IpAddress, "203.0.113.1"), (ArtifactTypes.IpAddress, "203.0.113.2"),
            (ArtifactTypes.Port, "22"), (ArtifactTypes.Port, "3389"));
        artifacts.Last().Description.Should().Be(Described("Port", "Port",
            "['Service', 'Action', 'PortProbeAction', 'PortProbeDetails', 1, 'LocalPortDetails']"));
    }

    [Test]
    public void Places_the_reference_misses_are_searched()
    {
        var artifacts = Artifacts("""
            {
              "Resource": { "KubernetesDetails": { "KubernetesUserDetails": { "Username": "kubernetes-admin",
                "ImpersonatedUser": { "Username": "system:serviceaccount:default:app" } } } },
              "Service": {
                "Action": {
                  "ActionType": "KUBERNETES_API_CALL",
                  "KubernetesApiCallAction": { "SourceIps": [ "198.51.100.7", "2001:db8::7" ], "Verb": "get" },
                  "DnsRequestAction": { "Domain": "evil.example.com" },
                  "AwsApiCallAction": { "DomainDetails": { "Domain": "caller.example.org" },
                    "AffectedResources": { "AWS::S3::Bucket": "named-in-the-call" } }
                },
                "Detection": { "Sequence": { "Endpoints": [ { "Id": "e1", "Ip": "192.0.2.44", "Domain": "c2.example.net", "Port": 8443 } ] } }
              }
            }
            """);

        artifacts.Select(a => (a.Type, a.Value)).Should().Equal(
            (ArtifactTypes.UserName, "kubernetes-admin"),
            (ArtifactTypes.UserName, "system:serviceaccount:default:app"),
            (ArtifactTypes.S3BucketName, "named-in-the-call"),
            (ArtifactTypes.IpAddress, "198.51.100.7"),
            (ArtifactTypes.IpAddress, "2001:db8::7"),
            (ArtifactTypes.IpAddress, "192.0.2.44"),
            (ArtifactTypes.DnsName, "evil.example.com"),
            (ArtifactTypes.DnsName, "caller.example.org"),
            (ArtifactTypes.DnsName, "c2.example.net"),
            (ArtifactTypes.Port, "8443"));
        artifacts[3].Description.Should().Be(Described("IP Address", "SourceIps", "['Service', 'Action', 'KubernetesApiCallAction']"));
        artifacts[2].Description.Should().Be(Described("AWS S3 Bucket Name", "AWS::S3::Bucket",
            "['Service', 'Action', 'AwsApiCallAction', 'AffectedResources']"));
    }

    [Test]
    public void Duplicates_are_removed_by_type_and_value_keeping_the_first()
    {
        var artifacts = Artifacts("""
            {
              "Resource": { "AccessKeyDetails": { "AccessKeyId": "AKIA1", "UserName": "same-text" },
                "InstanceDetails": { "NetworkInterfaces": [ { "PrivateIpAddress": "10.0.0.1", "PublicIp": "10.0.0.1",
                  "PrivateIpAddresses": [ { "PrivateIpAddress": "10.0.0.1" } ] } ] },
                "S3BucketDetails": [ { "Name": "same-text" } ] },
              "Service": { "Action": { "ActionType": "AWS_API_CALL", "AwsApiCallAction": { "RemoteIpDetails": { "IpAddressV4": "10.0.0.1" } } } }
            }
            """);

        // One IP Address for the four occurrences, the first in search order (IpAddressV4 rules come first).
        artifacts.Where(a => a.Value == "10.0.0.1").Should().ContainSingle()
            .Which.Description.Should().Contain("'IpAddressV4'");
        // The same text under two types is two artifacts (the reference keeps only the first type; §8 #15).
        artifacts.Where(a => a.Value == "same-text").Select(a => a.Type).Should().Equal(ArtifactTypes.UserName, ArtifactTypes.S3BucketName);
    }

    [Test]
    public void Empty_and_null_values_are_not_artifacts_and_an_empty_list_is_left_out_of_the_payload()
    {
        var mapped = TestFindings.Map(TestFindings.With("""
            { "Resource": { "AccessKeyDetails": { "AccessKeyId": "", "UserName": null, "PrincipalId": "P" } } }
            """));

        mapped.Artifacts.Should().BeEmpty();
        mapped.ArtifactValuesFound.Should().Be(0);
        mapped.ToIncidentPayloadJson().ContainsKey("artifacts").Should().BeFalse();
    }

    [Test]
    public void Refresh_leaves_out_artifacts_the_incident_has_by_type_and_value()
    {
        var finding = TestFindings.With("""
            { "Resource": { "AccessKeyDetails": { "AccessKeyId": "AKIA1", "UserName": "alice" },
              "S3BucketDetails": [ { "Name": "alice" }, { "Name": "logs" } ] },
              "Service": { "Action": { "ActionType": "NETWORK_CONNECTION", "NetworkConnectionAction": {
                "RemoteIpDetails": { "IpAddressV4": "203.0.113.9" }, "RemotePortDetails": { "Port": 443 } } } } }
            """);
        var existing = new[]
        {
            new ExistingArtifact("aws_iam_access_key_id", "AKIA1"),   // API name
            new ExistingArtifact("AWS IAM User Name", "alice"),       // display name; the bucket "alice" stays
            new ExistingArtifact("ip address", "203.0.113.9"),       // any case
            new ExistingArtifact("DNS Name", "443"),                 // same value, other type: the port stays
            new ExistingArtifact("17", "logs"),                      // unknown type (an id): matched by value
        };

        var mapped = TestFindings.Mapper().MapForRefresh(finding, TestFindings.Region, existing);

        mapped.Artifacts.Select(a => (a.Type, a.Value)).Should().Equal(
            (ArtifactTypes.S3BucketName, "alice"), (ArtifactTypes.Port, "443"));
        mapped.ArtifactValuesFound.Should().Be(6);
        var content = mapped.ToRefreshContentJson();
        content["artifacts"]!.Should().HaveCount(2);
        content["payload"]!["artifacts"]!.Should().HaveCount(2);
    }

    [Test]
    public void Refresh_with_every_artifact_present_keeps_an_empty_artifacts_list()
    {
        var finding = TestFindings.With("""{ "Resource": { "AccessKeyDetails": { "AccessKeyId": "AKIA1" } } }""");

        var mapped = TestFindings.Mapper().MapForRefresh(finding, TestFindings.Region, [new ExistingArtifact("aws_iam_access_key_id", "AKIA1")]);

        mapped.Artifacts.Should().BeEmpty();
        mapped.ToIncidentPayloadJson(includeNote: false)["artifacts"].Should().BeEmpty();
    }

    [Test]
    public void Artifact_json_has_the_reference_shape()
    {
        var json = new IncidentArtifact("IP Address", "192.0.2.1", "where").ToJson();

        json.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """{"type":{"name":"IP Address"},"description":{"format":"text","content":"where"},"value":"192.0.2.1"}""");
    }
}
