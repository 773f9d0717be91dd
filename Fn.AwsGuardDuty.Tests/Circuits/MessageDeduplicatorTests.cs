using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Tests.Circuits;

public class MessageDeduplicatorTests
{
    private static StompMessage Delivery(string messageId, string ackId, long generation = 1) =>
        new(StompFrame.Create(StompCommands.Message, "{}", ("message-id", messageId), ("ack", ackId)), generation);

    private static AnsweredMessage Answer(string id) => new(id, new FinalReply("/queue/acks.1.x", "invid:1", "{}", false));

    [Test]
    public void Redelivery_while_running_replaces_the_delivery_used_for_the_ACK()
    {
        var dedup = new MessageDeduplicator(TimeSpan.FromHours(1), 100, TimeProvider.System);

        dedup.Register("m1", Delivery("m1", "ack-1"), out _).Should().Be(DeliveryDecision.Run);
        dedup.Register("m1", Delivery("m1", "ack-2", 2), out _).Should().Be(DeliveryDecision.AlreadyRunning);

        var latest = dedup.Complete(Answer("m1"));
        latest.AckId.Should().Be("ack-2");
        latest.Generation.Should().Be(2);
    }

    [Test]
    public void Answered_message_is_recognised_until_the_ttl_passes()
    {
        var clock = new ManualClock();
        var dedup = new MessageDeduplicator(TimeSpan.FromHours(1), 100, clock);
        dedup.Register("m1", Delivery("m1", "a"), out _);
        var answer = Answer("m1");
        dedup.Complete(answer);

        dedup.Register("m1", Delivery("m1", "b"), out var answered).Should().Be(DeliveryDecision.AlreadyAnswered);
        answered.Should().BeSameAs(answer);

        clock.Advance(TimeSpan.FromMinutes(61));
        dedup.Register("m1", Delivery("m1", "c"), out _).Should().Be(DeliveryDecision.Run);
    }

    [Test]
    public void Answered_cache_is_bounded()
    {
        var dedup = new MessageDeduplicator(TimeSpan.FromHours(1), 3, TimeProvider.System);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            dedup.Register(id, Delivery(id, id), out _);
            dedup.Complete(Answer(id));
        }

        dedup.Register("a", Delivery("a", "x"), out _).Should().Be(DeliveryDecision.Run, "the oldest entry was evicted");
        dedup.Register("d", Delivery("d", "y"), out _).Should().Be(DeliveryDecision.AlreadyAnswered);
    }

    [Test]
    public void An_answer_is_attempted_once_per_delivery_and_retried_only_with_a_redelivery()
    {
        var answer = Answer("m");
        var first = Delivery("m", "ack-1");
        answer.TryClaim(out _).Should().BeFalse("no delivery offered yet");
        answer.Offer(first).Should().BeTrue();

        answer.TryClaim(out var claimed).Should().BeTrue();
        claimed.Should().BeSameAs(first);
        answer.TryClaim(out _).Should().BeFalse("an attempt is running");
        var redelivery = Delivery("m", "ack-2", 2);
        answer.Offer(redelivery).Should().BeTrue();
        answer.Release();
        answer.TryClaim(out claimed).Should().BeTrue("a newer delivery arrived while the attempt failed");
        claimed.Should().BeSameAs(redelivery);
        answer.Release();
        answer.TryClaim(out _).Should().BeFalse("an unknown outcome is not retried on a guess");

        answer.Offer(Delivery("m", "ack-3", 3)).Should().BeTrue();
        answer.TryClaim(out _).Should().BeTrue();
        answer.MarkDelivered();
        answer.IsDelivered.Should().BeTrue();
        answer.Offer(Delivery("m", "ack-4", 4)).Should().BeFalse("a committed answer only needs the redelivery ACKed");
    }

    [Test]
    public void Abandoned_call_runs_again_on_redelivery()
    {
        var dedup = new MessageDeduplicator(TimeSpan.FromHours(1), 10, TimeProvider.System);
        dedup.Register("m", Delivery("m", "a"), out _);

        dedup.Abandon("m");

        dedup.Register("m", Delivery("m", "b"), out _).Should().Be(DeliveryDecision.Run);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
