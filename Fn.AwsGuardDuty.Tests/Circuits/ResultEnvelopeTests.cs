using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

public class ResultEnvelopeTests
{
    [Test]
    public void Envelope_matches_the_seed_documents_archive_example()
    {
        var inputs = new FunctionInputs(InputNormalizer.Normalize(JObject.Parse("""{"aws_gd_finding_id":"abc","aws_gd_region":"us-east-1"}""")));
        var metrics = new ResultMetrics("fn-aws-guardduty", "1.1.0", "myhost.ibm.com", 1310, new DateTime(2021, 1, 28, 11, 31, 30));

        var envelope = ResultEnvelope.Create(FunctionResult.Ok(new { status = "ok" }), inputs, metrics).ToJson();

        envelope.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            "{\"version\":\"1.0\",\"success\":true,\"reason\":null,\"content\":{\"status\":\"ok\"},\"raw\":\"{\\\"status\\\": \\\"ok\\\"}\"," +
            "\"inputs\":{\"aws_gd_finding_id\":\"abc\",\"aws_gd_region\":\"us-east-1\"}," +
            "\"metrics\":{\"version\":\"1.0\",\"package\":\"fn-aws-guardduty\",\"package_version\":\"1.1.0\",\"host\":\"myhost.ibm.com\"," +
            "\"execution_time_ms\":1310,\"timestamp\":\"2021-01-28 11:31:30\"}}");
    }

    [Test]
    public void Raw_is_written_as_Python_json_dumps_would()
    {
        var content = JObject.Parse("""{"a":[1,2.5,1.0,true,null],"s":"é\"\\\n\t<>","n":{},"e":[],"big":1e-05}""");

        PythonStyleJson.Serialize(content).Should().Be(
            "{\"a\": [1, 2.5, 1.0, true, null], \"s\": \"\\u00e9\\\"\\\\\\n\\t<>\", \"n\": {}, \"e\": [], \"big\": 1e-05}");
        PythonStyleJson.Serialize(null).Should().Be("null");
    }

    [Test]
    public void Soft_failure_keeps_content_and_reason()
    {
        var envelope = ResultEnvelope.Create(FunctionResult.Failed(new { status = "error", msg = "boom" }, "boom"),
            new FunctionInputs(new JObject()), new ResultMetrics("p", "1", "h", 0, DateTime.Now)).ToJson();

        envelope["success"]!.Value<bool>().Should().BeFalse();
        envelope["reason"]!.ToString().Should().Be("boom");
        envelope["raw"]!.ToString().Should().Be("{\"status\": \"error\", \"msg\": \"boom\"}");
    }

    [Test]
    public void Replies_have_the_ActionAcknowledgement_shapes()
    {
        JsonShould.Equal(JObject.Parse(ActionReply.Status("working")), """{"message_type":0,"message":"working","complete":false}""");
        JsonShould.Equal(JObject.Parse(ActionReply.Error("bad")), """{"message_type":1,"message":"bad","complete":true}""");
        JsonShould.Equal(JObject.Parse(ActionReply.Exception(new InvalidOperationException("x"))), """{"message_type":1,"message":"ERROR:\n\nx","complete":true}""");
    }
}
