using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Tests.Circuits;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// Exact checks of the replies a function call produced: the final reply's envelope key for key (the seed document's
/// shape: version "1.0", success, reason, content, raw = content as Python's json.dumps writes it, inputs, metrics),
/// and error replies body for body. Values that vary (host, timing, timestamp) are checked for type and format.
/// </summary>
internal static class Reply
{
    public static readonly string[] EnvelopeKeys = ["version", "success", "reason", "content", "raw", "inputs", "metrics"];
    public static readonly string[] MetricsKeys = ["version", "package", "package_version", "host", "execution_time_ms", "timestamp"];

    /// <summary>The final reply is "Completed" with this envelope; <paramref name="content"/> is compared exactly, key order included.</summary>
    public static JObject ShouldBeCompleted(this IReadOnlyList<JObject> replies, bool success, string? reason, JToken content, JObject inputs)
    {
        var results = ShouldBeCompleted(replies);
        results["success"]!.Type.Should().Be(JTokenType.Boolean);
        results["success"]!.Value<bool>().Should().Be(success);
        if (reason is null)
            results["reason"]!.Type.Should().Be(JTokenType.Null);
        else
            results["reason"]!.Value<string>().Should().Be(reason);

        // raw is the content serialized; reading it back without date sniffing gives the content exactly as sent.
        var raw = results["raw"]!.Value<string>()!;
        raw.Should().Be(PythonStyleJson.Serialize(content), "raw is the content as json.dumps writes it, key order included");
        JToken.DeepEquals(results["content"], ParseVerbatim(raw)).Should().BeTrue("content and raw hold the same JSON");
        JToken.DeepEquals(results["inputs"], JToken.Parse(inputs.ToString(Formatting.None))).Should()
            .BeTrue($"inputs are echoed: expected {inputs.ToString(Formatting.None)} got {results["inputs"]!.ToString(Formatting.None)}");
        return results;
    }

    private static JToken ParseVerbatim(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The final reply is "Completed" with a well-formed envelope; returns <c>results</c>.</summary>
    public static JObject ShouldBeCompleted(this IReadOnlyList<JObject> replies)
    {
        replies.Count(r => r.Value<bool>("complete")).Should().Be(1);
        var final = replies[^1];
        final.Properties().Select(p => p.Name).Should().Equal(["message_type", "message", "complete", "results"], final.ToString(Formatting.None));
        final["message_type"]!.Value<int>().Should().Be(0, final.ToString(Formatting.None));
        final["message"]!.Value<string>().Should().Be("Completed");
        final["complete"]!.Value<bool>().Should().BeTrue();

        var results = final["results"].Should().BeOfType<JObject>().Subject;
        results.Properties().Select(p => p.Name).Should().Equal(EnvelopeKeys);
        results["version"]!.Type.Should().Be(JTokenType.String);
        results["version"]!.Value<string>().Should().Be("1.0");
        results["raw"]!.Type.Should().Be(JTokenType.String);
        results["inputs"].Should().BeOfType<JObject>();

        var metrics = results["metrics"].Should().BeOfType<JObject>().Subject;
        metrics.Properties().Select(p => p.Name).Should().Equal(MetricsKeys);
        metrics["version"]!.Value<string>().Should().Be("1.0");
        metrics["package"]!.Value<string>().Should().Be("fn-aws-guardduty");
        // The app's version, as run reports it (the production registration fills the envelope).
        metrics["package_version"]!.Value<string>().Should().Be(Fn.AwsGuardDuty.Hosting.AppVersion.Current);
        metrics["host"]!.Type.Should().Be(JTokenType.String);
        metrics["host"]!.Value<string>().Should().Be(Environment.MachineName);
        metrics["execution_time_ms"]!.Type.Should().Be(JTokenType.Integer);
        metrics["execution_time_ms"]!.Value<long>().Should().BeGreaterThanOrEqualTo(0);
        metrics["timestamp"]!.Type.Should().Be(JTokenType.String);
        metrics["timestamp"]!.Value<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
        return results;
    }

    /// <summary>The final reply is exactly <c>{"message_type":1,"message":…,"complete":true}</c> (the call fails in SOAR).</summary>
    public static void ShouldBeError(this IReadOnlyList<JObject> replies, string message)
    {
        replies.Should().ContainSingle("an error is the only reply");
        JsonShould.Equal(replies[0], new JObject
        {
            ["message_type"] = 1,
            ["message"] = message,
            ["complete"] = true,
        }.ToString(Formatting.None));
    }

    /// <summary>Parses JSON as the wire does for findings: dates stay text.</summary>
    public static JToken Json(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
