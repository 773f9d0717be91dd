using System.Text;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Small, exact reproductions of what the malformed-input fuzz found, so each fix stays proven without the fuzz.
/// </summary>
[Category("Reliability")]
[Order(7)]
public sealed class FuzzFindingRegressionTests
{
    [TestCase("123456789012345678901234567890")]
    [TestCase("-9223372036854775809")]
    public void Ids_beyond_the_long_range_are_ignored_metadata_not_a_failure_that_leaves_the_message_unanswered(string number)
    {
        var body = $$$"""
            {"function": {"id": {{{number}}}, "name": "fn_x"}, "inputs": {},
             "workflow": {"workflow_id": {{{number}}} }, "workflow_instance": {"workflow_instance_id": {{{number}}} },
             "playbook_instance": {"playbook_instance_id": {{{number}}} } }
            """;
        var message = new StompMessage(new StompFrame(StompCommands.Message,
            [new(StompHeaders.MessageId, "ID:1"), new(StompHeaders.Ack, "a1")], Encoding.UTF8.GetBytes(body)), 1);

        var parsed = FunctionMessageParser.Parse(message);

        parsed.FunctionName.Should().Be("fn_x");
        parsed.Metadata.FunctionId.Should().BeNull();
        parsed.Metadata.WorkflowId.Should().BeNull();
        parsed.Metadata.WorkflowInstanceId.Should().BeNull();
        parsed.Metadata.PlaybookInstanceId.Should().BeNull();
    }

    [Test]
    public void A_delivered_answer_keeps_neither_its_reply_nor_its_deliveries()
    {
        var delivery = new StompMessage(new StompFrame(StompCommands.Message,
            [new(StompHeaders.MessageId, "ID:2"), new(StompHeaders.Ack, "a2")], new byte[1024 * 1024]), 1);
        var answer = new AnsweredMessage("ID:2", new FinalReply("/queue/acks.1.fn", "c2", new string('r', 100_000), false));
        answer.Offer(delivery).Should().BeTrue();
        answer.TryClaim(out _).Should().BeTrue();

        answer.MarkDelivered();

        answer.IsDelivered.Should().BeTrue();
        answer.Offer(delivery).Should().BeFalse("a redelivery of a delivered answer is only ACKed");
        answer.TryClaim(out _).Should().BeFalse();
        ((Func<FinalReply>)(() => answer.Reply)).Should().Throw<InvalidOperationException>("the reply is not kept once delivered");
    }
}
