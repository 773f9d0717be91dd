using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Fn.AwsGuardDuty.Tests.GuardDuty.Vectors;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public partial class FindingConverterTests
{
    private readonly FindingConverter _converter = new();

    private static IEnumerable<string> Samples() => TestVectors.SampleFindingFiles();

    [TestCaseSource(nameof(Samples))]
    public void Sample_survives_boto_to_wire_to_boto(string file)
    {
        foreach (var boto in TestVectors.SampleFindings(file))
        {
            var wire = _converter.ToWire(boto);
            var back = _converter.ToBoto(wire);
            JToken.DeepEquals(back, boto).Should().BeTrue($"{file} must round-trip:\n{back}");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void Wire_form_of_a_sample_is_camel_case_except_the_model_exceptions(string file)
    {
        foreach (var boto in TestVectors.SampleFindings(file))
        {
            var wire = _converter.ToWire(boto);
            wire["accountId"].Should().NotBeNull();
            wire["resource"]!["resourceType"].Should().NotBeNull();
            wire["service"]!["detectorId"].Should().NotBeNull();
            foreach (var property in wire.Descendants().OfType<JProperty>())
            {
                if (property.Parent?.Parent is JProperty { Name: "tags" or "affectedResources" }) continue;
                if (property.Name is "LoginAttributes" or "IamInstanceProfile") continue;
                char.IsLower(property.Name[0]).Should().BeTrue($"wire member '{property.Path}' should be lowerCamel");
            }
        }
    }

    [Test]
    public void Sample_03_bucket_timestamp_is_an_epoch_seconds_number_on_the_wire()
    {
        var boto = TestVectors.SampleFindings("03_finding_s3_maliciousipcaller_with_instance_and_accesskey_app_test_fixture.json")[0];
        var wire = _converter.ToWire(boto);
        var createdAt = wire["resource"]!["s3BucketDetails"]![0]!["createdAt"]!;
        createdAt.Type.Should().Be(JTokenType.Float);
        createdAt.Value<double>().Should().Be(1513612691.551);
        wire["createdAt"]!.Value<string>().Should().Be("2020-11-25T13:46:37.960Z", "string members are never converted");
    }

    [Test]
    public void Applies_the_model_exceptions_keeps_map_keys_and_passes_unknown_members_through()
    {
        var wire = (JObject)WireJson.Parse("""
            {
              "id": "f1", "createdAt": "2024-11-19T18:12:05.011Z", "brandNewField": {"innerThing": [{"deepName": 1}]},
              "resource": {
                "instanceDetails": {"productCodes": [{"productCodeId": "abc", "productCodeType": "marketplace"}],
                                    "tags": [{"key": "Name", "value": "web"}]},
                "s3BucketDetails": [{"createdAt": 1513612691.551, "owner": {"id": "o"}}],
                "ecsClusterDetails": {"taskDetails": {"createdAt": 1700000000, "startedAt": 1700000001.5}}
              },
              "service": {
                "archived": false, "count": 3, "eventFirstSeen": "2024-01-01T00:00:00.000Z",
                "action": {
                  "kubernetesApiCallAction": {"sourceIPs": ["10.0.0.1"], "requestUri": "/api"},
                  "rdsLoginAttemptAction": {"LoginAttributes": [{"user": "admin", "failedLoginAttempts": 4}]},
                  "awsApiCallAction": {"affectedResources": {"AWS::S3::Bucket": "my-bucket", "lowerKey": "v"},
                                       "remoteIpDetails": {"geoLocation": {"lat": 1.5, "lon": 2.5}}}
                },
                "additionalInfo": {"value": "{\"sample\":true}", "type": "default"}
              }
            }
            """);

        var boto = _converter.ToBoto(wire);

        boto["Id"]!.Value<string>().Should().Be("f1");
        boto["CreatedAt"]!.Value<string>().Should().Be("2024-11-19T18:12:05.011Z");
        boto["BrandNewField"]!["InnerThing"]![0]!["DeepName"]!.Value<int>().Should().Be(1);
        var instance = boto["Resource"]!["InstanceDetails"]!;
        instance["ProductCodes"]![0]!["Code"]!.Value<string>().Should().Be("abc");
        instance["ProductCodes"]![0]!["ProductType"]!.Value<string>().Should().Be("marketplace");
        instance["Tags"]![0]!["Key"]!.Value<string>().Should().Be("Name");
        boto["Resource"]!["S3BucketDetails"]![0]!["CreatedAt"]!.Value<string>().Should().Be("2017-12-18T15:58:11.551Z");
        boto["Resource"]!["S3BucketDetails"]![0]!["Owner"]!["Id"]!.Value<string>().Should().Be("o");
        var task = boto["Resource"]!["EcsClusterDetails"]!["TaskDetails"]!;
        task["TaskCreatedAt"]!.Value<string>().Should().Be("2023-11-14T22:13:20.000Z");
        task["StartedAt"]!.Value<string>().Should().Be("2023-11-14T22:13:21.500Z");
        var action = boto["Service"]!["Action"]!;
        action["KubernetesApiCallAction"]!["SourceIps"]!.Values<string>().Should().Equal("10.0.0.1");
        action["KubernetesApiCallAction"]!["RequestUri"].Should().NotBeNull();
        action["RdsLoginAttemptAction"]!["LoginAttributes"]![0]!["FailedLoginAttempts"]!.Value<int>().Should().Be(4);
        var affected = (JObject)action["AwsApiCallAction"]!["AffectedResources"]!;
        affected.Properties().Select(p => p.Name).Should().Equal("AWS::S3::Bucket", "lowerKey");
        action["AwsApiCallAction"]!["RemoteIpDetails"]!["GeoLocation"]!["Lat"]!.Value<double>().Should().Be(1.5);
        boto["Service"]!["Archived"]!.Value<bool>().Should().BeFalse();
        boto["Service"]!["AdditionalInfo"]!["Value"]!.Value<string>().Should().Be("{\"sample\":true}");

        JToken.DeepEquals(_converter.ToWire(boto), wire).Should().BeTrue("the conversion is reversible");
        wire["resource"]!["s3BucketDetails"]![0]!["createdAt"]!.Value<double>().Should().Be(1513612691.551, "input untouched");
    }

    [Test]
    public void Dates_sniffed_by_newtonsoft_are_written_back_as_iso_strings()
    {
        var sniffed = JObject.Parse("""{"createdAt":"2024-11-19T18:12:05.011Z","resource":{"s3BucketDetails":[{"createdAt":"2017-12-18T15:58:11.551Z"}]}}""");
        sniffed["createdAt"]!.Type.Should().Be(JTokenType.Date);
        var boto = _converter.ToBoto(sniffed);
        boto["CreatedAt"]!.Type.Should().Be(JTokenType.String);
        boto["CreatedAt"]!.Value<string>().Should().Be("2024-11-19T18:12:05.011Z");
        boto["Resource"]!["S3BucketDetails"]![0]!["CreatedAt"]!.Value<string>().Should().Be("2017-12-18T15:58:11.551Z");
    }

    [Test]
    public void Timestamp_formats_follow_the_option()
    {
        var wire = JObject.Parse("""{"resource":{"s3BucketDetails":[{"createdAt":1513612691.551}]},"updatedAt":"2024-01-02T03:04:05.678Z"}""");
        Bucket(new FindingConverter(TimestampFormat.ReferenceText).ToBoto(wire)).Should().Be("2017-12-18 15:58:11");
        var epoch = new FindingConverter(TimestampFormat.EpochSeconds).ToBoto(wire);
        epoch["Resource"]!["S3BucketDetails"]![0]!["CreatedAt"]!.Value<double>().Should().Be(1513612691.551);
        epoch["UpdatedAt"]!.Value<string>().Should().Be("2024-01-02T03:04:05.678Z");

        static string Bucket(JObject boto) => boto["Resource"]!["S3BucketDetails"]![0]!["CreatedAt"]!.Value<string>()!;
    }

    [Test]
    public void Converts_detector_ip_set_and_statistics_responses()
    {
        var detector = JObject.Parse("""
            {"createdAt":"2024-01-09T22:57:12.342Z","status":"ENABLED","serviceRole":"arn:aws:iam::1:role/x",
             "tags":{"team":"sec","CostCenter":"7"},
             "dataSources":{"dnsLogs":{"status":"ENABLED"},"cloudTrail":{"status":"ENABLED"}},
             "features":[{"name":"S3_DATA_EVENTS","status":"ENABLED","updatedAt":1700000000}]}
            """);
        var boto = _converter.ToBoto(detector, FindingConverter.GetDetectorResponseShape);
        ((JObject)boto["Tags"]!).Properties().Select(p => p.Name).Should().Equal("team", "CostCenter");
        boto["DataSources"]!["DNSLogs"]!["Status"]!.Value<string>().Should().Be("ENABLED");
        boto["DataSources"]!["CloudTrail"].Should().NotBeNull();
        boto["Features"]![0]!["UpdatedAt"]!.Value<string>().Should().Be("2023-11-14T22:13:20.000Z");

        var ipSet = _converter.ToBoto(JObject.Parse("""{"name":"n","format":"TXT","tags":{"k":"v"}}"""),
            FindingConverter.GetIpSetResponseShape);
        JToken.DeepEquals(ipSet, JObject.Parse("""{"Name":"n","Format":"TXT","Tags":{"k":"v"}}""")).Should().BeTrue();

        var stats = _converter.ToBoto(JObject.Parse("""{"countBySeverity":{"8.0":2},"groupedBySeverity":[{"severity":8.0,"totalFindings":2,"lastGeneratedAt":1700000000}]}"""),
            FindingConverter.FindingStatisticsShape);
        stats["CountBySeverity"]!["8.0"]!.Value<int>().Should().Be(2);
        stats["GroupedBySeverity"]![0]!["LastGeneratedAt"]!.Value<string>().Should().Be("2023-11-14T22:13:20.000Z");
    }

    /// <summary>
    /// Every member of the generated finding tree (wire name, boto3 name, type) is rebuilt as a synthetic wire document and
    /// the converter must produce exactly the boto3 names the tree lists, with map keys kept and timestamps converted.
    /// </summary>
    [Test]
    public void Converter_agrees_with_every_line_of_the_finding_tree()
    {
        var root = FindingTree.Parse(TestVectors.Text("guardduty-finding-tree.txt"));
        root.Children.Count.Should().BeGreaterThan(10);
        var wire = new JObject();
        var expected = new JObject();
        foreach (var child in root.Children) child.AddTo(wire, expected);

        var boto = _converter.ToBoto(wire);

        var diff = FirstDifference(boto, expected);
        diff.Should().BeNull();
        root.Count().Should().BeGreaterThan(400);
    }

    private static string? FirstDifference(JToken actual, JToken expected)
    {
        if (expected is JObject eo)
        {
            if (actual is not JObject ao) return $"{expected.Path}: expected an object";
            foreach (var p in eo.Properties())
            {
                if (ao[p.Name] is not { } av) return $"{p.Path}: missing (have {string.Join(",", ao.Properties().Select(x => x.Name))})";
                if (FirstDifference(av, p.Value) is { } d) return d;
            }
            return ao.Count == eo.Count ? null : $"{expected.Path}: extra members {string.Join(",", ao.Properties().Select(x => x.Name))}";
        }
        if (expected is JArray ea)
        {
            if (actual is not JArray aa || aa.Count != ea.Count) return $"{expected.Path}: array differs";
            for (var i = 0; i < ea.Count; i++)
                if (FirstDifference(aa[i], ea[i]) is { } d) return d;
            return null;
        }
        return JToken.DeepEquals(actual, expected) ? null : $"{expected.Path}: {actual} != {expected}";
    }

    /// <summary>A node of guardduty-finding-tree.txt.</summary>
    private sealed partial class FindingTree(string wire, string sdk, string type)
    {
        public List<FindingTree> Children { get; } = [];

        [GeneratedRegex(@"^(?<indent> *)(?<wire>\S+)\s+\[SDK: (?<sdk>[^\]]+)\]\s+:\s+(?<type>\S+)")]
        private static partial Regex Line();

        public static FindingTree Parse(string text)
        {
            var root = new FindingTree("Finding", "Finding", "Finding");
            var stack = new Stack<(int Indent, FindingTree Node)>();
            stack.Push((0, root));
            foreach (var line in text.Split('\n'))
            {
                var m = Line().Match(line);
                if (!m.Success) continue;
                var indent = m.Groups["indent"].Length;
                var node = new FindingTree(m.Groups["wire"].Value, m.Groups["sdk"].Value, m.Groups["type"].Value);
                while (stack.Peek().Indent >= indent) stack.Pop();
                stack.Peek().Node.Children.Add(node);
                stack.Push((indent, node));
            }
            return root;
        }

        public int Count() => 1 + Children.Sum(c => c.Count());

        public void AddTo(JObject wireParent, JObject expectedParent)
        {
            var (w, e) = Values(type);
            wireParent[wire] = w;
            expectedParent[sdk] = e;
        }

        private (JToken Wire, JToken Expected) Values(string t)
        {
            if (t.StartsWith("list<", StringComparison.Ordinal))
            {
                var (w, e) = Values(t[5..^1]);
                return (new JArray(w), new JArray(e));
            }
            if (t.StartsWith("map<string,", StringComparison.Ordinal))
            {
                var (w, e) = Values(t[11..^1]);
                return (new JObject { ["Key-A.b:c"] = w }, new JObject { ["Key-A.b:c"] = e });
            }
            if (t == "timestamp") return (new JValue(1513612691.551), new JValue("2017-12-18T15:58:11.551Z"));
            if (Children.Count == 0)
            {
                return t switch
                {
                    "integer" or "long" => (new JValue(7), new JValue(7)),
                    "boolean" => (new JValue(true), new JValue(true)),
                    "double" or "float" => (new JValue(2.5), new JValue(2.5)),
                    _ when char.IsUpper(t[0]) => (new JObject(), new JObject()),
                    _ => (new JValue("x"), new JValue("x")),
                };
            }
            var wireObject = new JObject();
            var expectedObject = new JObject();
            foreach (var child in Children) child.AddTo(wireObject, expectedObject);
            return (wireObject, expectedObject);
        }
    }
}
