using Fn.AwsGuardDuty.GuardDuty.Http;
using Fn.AwsGuardDuty.Poller;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>A polled finding keeps its wire JSON as text; what it gives back must be what GuardDuty sent.</summary>
public class PolledFindingTests
{
    // Written by hand: an integer and a float severity, an ISO time that must stay a string, nesting, escapes, a null.
    private const string WireText = """
        {"accountId":"123456789012","arn":"arn:aws:guardduty:us-east-1:123456789012:detector/d1/finding/f1",
         "createdAt":"2026-12-01T10:00:00.123Z","updatedAt":"2026-12-01T10:05:00.500Z","id":"f1","severity":5.0,
         "confidence":7,"title":"Quote \" and tab \t and \u00e9","type":"Recon:EC2/PortProbeUnprotectedPort",
         "resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0abc","tags":[{"key":"k","value":"v"}]}},
         "service":{"archived":true,"count":3,"detectorId":"d1","eventFirstSeen":"2026-12-01T09:00:00Z","userFeedback":null}}
        """;

    [Test]
    public void The_wire_JSON_comes_back_as_GuardDuty_sent_it()
    {
        var finding = PolledFinding.From((JObject)WireJson.Parse(WireText))!;

        var wire = finding.Wire;
        JToken.DeepEquals(wire, WireJson.Parse(WireText)).Should().BeTrue();
        wire["severity"]!.Type.Should().Be(JTokenType.Float);
        ((double)wire["severity"]!).Should().Be(5.0);
        wire["confidence"]!.Type.Should().Be(JTokenType.Integer);
        wire["createdAt"]!.Type.Should().Be(JTokenType.String);
        ((string?)wire["createdAt"]).Should().Be("2026-12-01T10:00:00.123Z");
        ((string?)wire["title"]).Should().Be("Quote \" and tab \t and é");
        wire["service"]!["userFeedback"]!.Type.Should().Be(JTokenType.Null);
    }

    [TestCase(false, TestName = "The members the poller decides on are read once, from a tree")]
    [TestCase(true, TestName = "The members the poller decides on are read once, from the text, and the tree is the same")]
    public void The_members_the_poller_decides_on_are_read_once(bool fromText)
    {
        var finding = fromText ? PolledFinding.FromJson(WireText)! : PolledFinding.From((JObject)WireJson.Parse(WireText))!;

        JToken.DeepEquals(finding.Wire, WireJson.Parse(WireText)).Should().BeTrue();
        finding.Id.Should().Be("f1");
        finding.AccountId.Should().Be("123456789012");
        finding.Type.Should().Be("Recon:EC2/PortProbeUnprotectedPort");
        finding.Severity.Should().Be(5.0);
        finding.Archived.Should().BeTrue();
        finding.DetectorId.Should().Be("d1");
        finding.UpdatedAtText.Should().Be("2026-12-01T10:05:00.500Z");
        finding.UpdatedAt.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 5, 0, 500, TimeSpan.Zero).ToUnixTimeMilliseconds());
    }

    [TestCase(false, TestName = "Each caller gets its own tree, and changing it changes nothing else (read from a tree)")]
    [TestCase(true, TestName = "Each caller gets its own tree, and changing it changes nothing else (read from the text)")]
    public void Each_caller_gets_its_own_tree_and_changing_it_changes_nothing_else(bool fromText)
    {
        var finding = fromText ? PolledFinding.FromJson(WireText)! : PolledFinding.From((JObject)WireJson.Parse(WireText))!;

        var first = finding.Wire;
        first["service"]!["archived"] = false;
        first["type"] = "changed by a caller";
        finding.ToBoto()["Type"] = "changed by another";

        finding.Wire["service"]!["archived"]!.Value<bool>().Should().BeTrue();
        ((string?)finding.Wire["type"]).Should().Be("Recon:EC2/PortProbeUnprotectedPort");
        ((string?)finding.ToBoto()["Type"]).Should().Be("Recon:EC2/PortProbeUnprotectedPort");
        finding.Archived.Should().BeTrue();
    }

    // The members the poller decides on, in shapes GuardDuty does not send: both readers must agree on each.
    [TestCase("""{"id":"f","severity":8}""", "f", 8.0, false, null, 0L, null)]
    [TestCase("""{"id":"f","severity":"high","service":{"archived":"true","detectorId":""}}""", "f", null, false, null, 0L, null)]
    [TestCase("""{"id":"f","service":{"count":1,"evidence":{"archived":true},"archived":false,"detectorId":{"x":1}}}""", "f", null, false, null, 0L, null)]
    [TestCase("""{"id":"f","updatedAt":1764583500.5,"type":{"nested":1},"service":{"detectorId":7}}""", "f", null, false, null, 1764583500500L, null)]
    [TestCase("""{"service":{"archived":true,"detectorId":"d2"},"id":"f","type":"T","updatedAt":null}""", "f", null, true, "T", 0L, "d2")]
    public void Odd_member_shapes_read_the_same_from_text_and_from_a_tree(string json, string id, double? severity, bool archived,
        string? type, long updatedAt, string? detectorId)
    {
        foreach (var finding in new[] { PolledFinding.FromJson(json)!, PolledFinding.From(JObject.Parse(json))! })
        {
            finding.Id.Should().Be(id);
            finding.Severity.Should().Be(severity);
            finding.Archived.Should().Be(archived);
            finding.Type.Should().Be(type);
            finding.UpdatedAt.Should().Be(updatedAt);
            finding.DetectorId.Should().Be(detectorId);
        }
    }

    [TestCase("""{"type":"x"}""")]
    [TestCase("""{"id":""}""")]
    [TestCase("""{"id":{"a":1}}""")]
    public void An_entry_without_an_id_is_not_a_finding(string json)
    {
        PolledFinding.FromJson(json).Should().BeNull();
        PolledFinding.From(JObject.Parse(json)).Should().BeNull();
    }
}
