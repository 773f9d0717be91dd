using Fn.AwsGuardDuty.Findings;
using A = Fn.AwsGuardDuty.Findings.DataTables.ActionDetails;
using I = Fn.AwsGuardDuty.Findings.DataTables.InstanceDetails;
using S = Fn.AwsGuardDuty.Findings.DataTables.S3BucketDetails;

namespace Fn.AwsGuardDuty.Tests.Findings;

public class DataTableMappingTests
{
    private const string Now = FixedTimeProvider.DefaultTimestamp;

    private static IReadOnlyList<DataTableRow> Rows(string json, string table) =>
        TestFindings.Map(TestFindings.With(json)).Rows(table);

    private static (string, string)[] Cells(DataTableRow row) => row.Cells.Select(c => (c.Key, c.Value)).ToArray();

    [Test]
    public void One_bucket_row_per_bucket()
    {
        var rows = Rows("""
            { "Resource": { "ResourceType": "S3Bucket", "S3BucketDetails": [
              { "Arn": "arn:aws:s3:::a", "Name": "a", "Type": "Destination", "Owner": { "Id": "owner-a" },
                "DefaultServerSideEncryption": { "EncryptionType": "aws:kms", "KmsMasterKeyArn": "arn:kms:a" },
                "PublicAccess": { "EffectivePermission": "NOT_PUBLIC" } },
              { "Arn": "arn:aws:s3:::b", "Name": "b", "Type": "Source", "Owner": { "Id": "owner-b" },
                "PublicAccess": { "EffectivePermission": "PUBLIC" } } ] } }
            """, S.Name);

        rows.Should().HaveCount(2);
        Cells(rows[0]).Should().Equal((S.BucketName, "a"), (DataTables.QueryExecutionDate, Now), (S.BucketType, "Destination"),
            (S.BucketArn, "arn:aws:s3:::a"), (S.BucketOwner, "owner-a"), (S.KmsMasterKeyArn, "arn:kms:a"),
            (S.EncryptionType, "aws:kms"), (S.EffectivePermissions, "NOT_PUBLIC"));
        Cells(rows[1]).Should().Equal((S.BucketName, "b"), (DataTables.QueryExecutionDate, Now), (S.BucketType, "Source"),
            (S.BucketArn, "arn:aws:s3:::b"), (S.BucketOwner, "owner-b"), (S.EffectivePermissions, "PUBLIC"));
    }

    [Test]
    public void The_overview_names_the_first_bucket_over_the_instance()
    {
        var rows = Rows("""
            { "Resource": { "InstanceDetails": { "InstanceId": "i-1" }, "S3BucketDetails": [ { "Name": "first" }, { "Name": "second" } ] } }
            """, DataTables.FindingOverview.Name);

        rows.Single()[DataTables.FindingOverview.ResourceId].Should().Be("first");
    }

    [Test]
    public void One_instance_row_per_network_interface()
    {
        var rows = Rows("""
            { "Resource": { "InstanceDetails": { "InstanceId": "i-1", "InstanceType": "t3.micro", "InstanceState": "running",
              "NetworkInterfaces": [
                { "PrivateDnsName": "ip-10-0-0-1.internal", "PrivateIpAddress": "10.0.0.1", "PublicDnsName": "ec2-1.example", "PublicIp": "198.51.100.1" },
                { "PrivateDnsName": "ip-10-0-0-2.internal", "PrivateIpAddress": "10.0.0.2" } ] } } }
            """, I.Name);

        rows.Should().HaveCount(2);
        Cells(rows[0]).Should().Equal((I.InstanceId, "i-1"), (DataTables.QueryExecutionDate, Now), (I.Type, "t3.micro"),
            (I.InstanceState, "running"), (I.PrivateIp, "10.0.0.1"), (I.PrivateDnsName, "ip-10-0-0-1.internal"),
            (I.PublicIp, "198.51.100.1"), (I.PublicDnsName, "ec2-1.example"));
        Cells(rows[1]).Should().Equal((I.InstanceId, "i-1"), (DataTables.QueryExecutionDate, Now), (I.Type, "t3.micro"),
            (I.InstanceState, "running"), (I.PrivateIp, "10.0.0.2"), (I.PrivateDnsName, "ip-10-0-0-2.internal"));
    }

    [Test]
    public void An_instance_without_interfaces_gives_one_row()
    {
        var rows = Rows("""{ "Resource": { "InstanceDetails": { "InstanceId": "i-1", "NetworkInterfaces": [] } } }""", I.Name);

        Cells(rows.Single()).Should().Equal((I.InstanceId, "i-1"), (DataTables.QueryExecutionDate, Now));
    }

    [Test]
    public void Aws_api_call_maps_the_reference_columns_and_the_callers_domain()
    {
        var row = Rows("""
            { "Service": { "EventFirstSeen": "2024-01-01T00:00:00Z", "EventLastSeen": "2024-01-01T01:00:00Z",
              "Action": { "ActionType": "AWS_API_CALL", "AwsApiCallAction": { "Api": "GetObject", "CallerType": "Remote IP",
                "ServiceName": "s3.amazonaws.com", "DomainDetails": { "Domain": "caller.example" },
                "RemoteIpDetails": { "City": { "CityName": "Paris" }, "Country": { "CountryName": "France" },
                  "IpAddressV4": "203.0.113.5", "Organization": { "Asn": "64500", "AsnOrg": "EXAMPLE", "Isp": "Ex ISP", "Org": "Ex Org" } } } } } }
            """, A.Name).Single();

        Cells(row).Should().Equal((A.ActionType, "AWS_API_CALL"), (DataTables.QueryExecutionDate, Now), (A.ActionApi, "GetObject"),
            (A.EventFirstSeen, "2024-01-01T00:00:00Z"), (A.EventLastSeen, "2024-01-01T01:00:00Z"), (A.ActorCallerType, "Remote IP"),
            (A.CityName, "Paris"), (A.CountryName, "France"), (A.Asn, "64500"), (A.AsnOrg, "EXAMPLE"), (A.Isp, "Ex ISP"),
            (A.Org, "Ex Org"), (A.ServiceName, "s3.amazonaws.com"), (A.RemoteIp, "203.0.113.5"), (A.DnsDomainName, "caller.example"));
    }

    [Test]
    public void Network_connection_maps_direction_protocol_addresses_and_ports()
    {
        var row = Rows("""
            { "Service": { "Action": { "ActionType": "NETWORK_CONNECTION", "NetworkConnectionAction": {
              "Blocked": false, "ConnectionDirection": "INBOUND", "Protocol": "TCP",
              "LocalIpDetails": { "IpAddressV4": "10.0.0.5" }, "LocalPortDetails": { "Port": 22, "PortName": "SSH" },
              "RemoteIpDetails": { "IpAddressV4": "203.0.113.7", "Country": { "CountryName": "Nowhere" } },
              "RemotePortDetails": { "Port": 40404, "PortName": "Unknown" } } } } }
            """, A.Name).Single();

        Cells(row).Should().Equal((A.ActionType, "NETWORK_CONNECTION"), (DataTables.QueryExecutionDate, Now), (A.Protocol, "TCP"),
            (A.CountryName, "Nowhere"), (A.ConnectionDirection, "INBOUND"), (A.LocalIp, "10.0.0.5"), (A.RemoteIp, "203.0.113.7"),
            (A.RemotePort, "40404"), (A.LocalPort, "22"));
    }

    [Test]
    public void IPv6_fills_the_address_columns_when_there_is_no_IPv4()
    {
        var row = Rows("""
            { "Service": { "Action": { "ActionType": "NETWORK_CONNECTION", "NetworkConnectionAction": {
              "LocalIpDetails": { "IpAddressV6": "2001:db8::5" }, "RemoteIpDetails": { "IpAddressV4": "203.0.113.7", "IpAddressV6": "2001:db8::7" } } } } }
            """, A.Name).Single();

        row[A.LocalIp].Should().Be("2001:db8::5");
        row[A.RemoteIp].Should().Be("203.0.113.7");
    }

    [Test]
    public void Port_probe_gives_one_row_per_probe_with_its_own_addresses_port_and_geography()
    {
        var rows = Rows("""
            { "Service": { "EventFirstSeen": "2024-01-01T00:00:00Z",
              "Action": { "ActionType": "PORT_PROBE", "PortProbeAction": { "Blocked": false, "PortProbeDetails": [
                { "LocalPortDetails": { "Port": 22 }, "LocalIpDetails": { "IpAddressV4": "10.0.0.9" },
                  "RemoteIpDetails": { "IpAddressV4": "203.0.113.1", "City": { "CityName": "Oslo" }, "Organization": { "Asn": "1" } } },
                { "LocalPortDetails": { "Port": 3389 }, "LocalIpDetails": { "IpAddressV4": "10.0.0.9" },
                  "RemoteIpDetails": { "IpAddressV6": "2001:db8::2", "Country": { "CountryName": "Chile" } } } ] } } } }
            """, A.Name);

        rows.Should().HaveCount(2);
        Cells(rows[0]).Should().Equal((A.ActionType, "PORT_PROBE"), (DataTables.QueryExecutionDate, Now),
            (A.EventFirstSeen, "2024-01-01T00:00:00Z"), (A.CityName, "Oslo"), (A.Asn, "1"),
            (A.LocalIp, "10.0.0.9"), (A.RemoteIp, "203.0.113.1"), (A.LocalPort, "22"));
        Cells(rows[1]).Should().Equal((A.ActionType, "PORT_PROBE"), (DataTables.QueryExecutionDate, Now),
            (A.EventFirstSeen, "2024-01-01T00:00:00Z"), (A.CountryName, "Chile"),
            (A.LocalIp, "10.0.0.9"), (A.RemoteIp, "2001:db8::2"), (A.LocalPort, "3389"));
    }

    [Test]
    public void Dns_request_maps_domain_protocol_and_blocked()
    {
        var row = Rows("""
            { "Service": { "Action": { "ActionType": "DNS_REQUEST", "DnsRequestAction": {
              "Domain": "bad.example.com", "Protocol": "UDP", "Blocked": true, "DomainWithSuffix": "example.com" } } } }
            """, A.Name).Single();

        Cells(row).Should().Equal((A.ActionType, "DNS_REQUEST"), (DataTables.QueryExecutionDate, Now), (A.Protocol, "UDP"),
            (A.DnsDomainName, "bad.example.com"), (A.DnsBlocked, "True"));
    }

    [Test]
    public void Dns_request_without_domain_uses_the_domain_with_suffix()
    {
        var row = Rows("""
            { "Service": { "Action": { "ActionType": "DNS_REQUEST", "DnsRequestAction": { "DomainWithSuffix": "example.com", "Blocked": false } } } }
            """, A.Name).Single();

        row[A.DnsDomainName].Should().Be("example.com");
        row[A.DnsBlocked].Should().Be("False");
    }

    [Test]
    public void Kubernetes_api_call_maps_verb_and_uri_remote_address_and_geography()
    {
        var row = Rows("""
            { "Service": { "Action": { "ActionType": "KUBERNETES_API_CALL", "KubernetesApiCallAction": {
              "RequestUri": "/api/v1/namespaces/default/secrets", "Verb": "list", "StatusCode": 200, "UserAgent": "kubectl",
              "SourceIps": [ "198.51.100.20" ],
              "RemoteIpDetails": { "IpAddressV4": "198.51.100.20", "Country": { "CountryName": "Iceland" },
                "Organization": { "AsnOrg": "EX-AS" } } } } } }
            """, A.Name).Single();

        Cells(row).Should().Equal((A.ActionType, "KUBERNETES_API_CALL"), (DataTables.QueryExecutionDate, Now),
            (A.CountryName, "Iceland"), (A.AsnOrg, "EX-AS"), (A.RemoteIp, "198.51.100.20"),
            (A.ActionApi, "list /api/v1/namespaces/default/secrets"));
    }

    [Test]
    public void Kubernetes_api_call_without_ip_details_takes_the_first_source_ip()
    {
        var row = Rows("""
            { "Service": { "Action": { "ActionType": "KUBERNETES_API_CALL", "KubernetesApiCallAction": {
              "Verb": "create", "SourceIps": [ "2001:db8::30", "198.51.100.30" ] } } } }
            """, A.Name).Single();

        row[A.RemoteIp].Should().Be("2001:db8::30");
        row[A.ActionApi].Should().Be("create");
    }

    [Test]
    public void A_finding_without_action_keeps_what_the_service_has()
    {
        var mapped = TestFindings.Map(TestFindings.With("""
            { "Service": { "EventFirstSeen": "2024-01-01T00:00:00Z", "ResourceRole": "TARGET" } }
            """));

        Cells(mapped.Rows(A.Name).Single()).Should().Equal((A.EventFirstSeen, "2024-01-01T00:00:00Z"), (DataTables.QueryExecutionDate, Now));
        mapped.Rows(DataTables.ResourceAffected.Name).Single()[DataTables.ResourceAffected.ResourceRole].Should().Be("TARGET");
    }

    [Test]
    public void All_tables_are_present_in_order_even_when_empty()
    {
        var finding = TestFindings.Minimal();
        finding.Remove("Resource");

        var tables = TestFindings.Map(finding).ToDataTablesJson();

        tables.Properties().Select(p => p.Name).Should().Equal(DataTables.All.Select(t => t.Name));
        tables[DataTables.S3BucketDetails.Name].Should().BeEmpty();
        tables[DataTables.InstanceDetails.Name].Should().BeEmpty();
        tables[DataTables.AccessKeyDetails.Name].Should().BeEmpty();
        tables[DataTables.ResourceAffected.Name].Should().BeEmpty();
    }

    [Test]
    public void Row_json_is_cells_with_value_objects()
    {
        var row = Rows("""{ "Resource": { "AccessKeyDetails": { "AccessKeyId": "AKIA1" } } }""", DataTables.AccessKeyDetails.Name).Single();

        row.ToJson().ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """{"cells":{"access_key_id":{"value":"AKIA1"},"query_execution_date":{"value":"2024-04-11 14:08:54"}}}""");
    }
}
