using System.Text;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Newtonsoft.Json;

namespace Fn.AwsGuardDuty.Tests.Circuits;

public class FunctionMessageParserTests
{
    private static StompMessage Message(string body) => new(new StompFrame(StompCommands.Message,
    [
        new("message-id", "ID:host-1:2:1:1:1"), new("ack", "ID:ack-1"), new("reply-to", "/queue/acks.201.fn_aws_gd"),
        new("correlation-id", "invid:80"), new("Co3ContextToken", "tok"), new("timestamp", "1634461020363"),
    ], Encoding.UTF8.GetBytes(body)), 1);

    [Test]
    public void FunctionDataDTO_is_parsed_with_its_metadata()
    {
        var body = SoarPlatform.FunctionMessageBody("fn_x", 80, new Newtonsoft.Json.Linq.JObject { ["when"] = "2024-04-11T05:47:16.625Z" });
        body["unknown_key"] = "ignored";

        var message = FunctionMessageParser.Parse(Message(body.ToString(Formatting.None)));

        message.FunctionName.Should().Be("fn_x");
        message.Metadata.FunctionId.Should().Be(3);
        message.Metadata.MessageId.Should().Be("ID:host-1:2:1:1:1");
        message.Metadata.CorrelationId.Should().Be("invid:80");
        message.Metadata.ReplyTo.Should().Be("/queue/acks.201.fn_aws_gd");
        message.Metadata.ContextToken.Should().Be("tok");
        message.Metadata.Timestamp.Should().Be(1634461020363);
        message.Metadata.PrincipalName.Should().Be("admin@example.com");
        message.Metadata.WorkflowId.Should().Be(3);
        message.Metadata.WorkflowProgrammaticName.Should().Be("wf_aws_gd_test");
        message.Metadata.WorkflowInstanceId.Should().Be(80);
        message.Metadata.PlaybookInstanceId.Should().BeNull();
        message.Inputs.GetString("when").Should().Be("2024-04-11T05:47:16.625Z", "date-like strings are not reinterpreted");
    }

    [Test]
    public void Playbook_instance_id_is_read_when_present()
    {
        var message = FunctionMessageParser.Parse(Message("""{"function":{"name":"f"},"playbook_instance":{"playbook_instance_id":12}}"""));

        message.Metadata.PlaybookInstanceId.Should().Be(12);
        message.Inputs.Names.Should().BeEmpty();
    }

    [TestCase("", "not valid JSON")]
    [TestCase("{\"function\":", "not valid JSON")]
    [TestCase("{} {}", "not valid JSON")]
    [TestCase("\"text\"", "not an object")]
    [TestCase("{\"function\": null}", "no 'function'")]
    [TestCase("{\"function\": {\"name\": \"\"}}", "no 'name'")]
    [TestCase("{\"function\": {\"name\": 5}}", "no 'name'")]
    public void Unusable_bodies_raise_a_clear_error(string body, string expected)
    {
        FluentActions.Invoking(() => FunctionMessageParser.Parse(Message(body)))
            .Should().Throw<InvalidFunctionMessageException>().WithMessage($"*{expected}*");
    }

    [Test]
    public void Invalid_UTF8_is_decoded_leniently()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"function\":{\"name\":\"f\"},\"inputs\":{\"t\":\"a"), 0xFF, .. Encoding.UTF8.GetBytes("\"}}")];

        var message = FunctionMessageParser.Parse(new StompMessage(new StompFrame(StompCommands.Message, [], bytes), 1));

        message.Inputs.GetString("t").Should().Be("a\uFFFD");
    }
}
