using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Tests.Stomp;

public class StompHeartBeatTests
{
    [Test]
    public void SOAR_defaults_with_ActiveMQ_answer_give_server_beats_only()
    {
        var schedule = StompHeartBeatSchedule.Negotiate(new StompHeartBeat(0, 15000), StompHeartBeat.Parse("15000,0"));

        schedule.ClientSendInterval.Should().Be(TimeSpan.Zero);
        schedule.ServerSendInterval.Should().Be(TimeSpan.FromSeconds(15));
        schedule.ReceiveTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Test]
    public void The_larger_of_the_two_values_wins()
    {
        var schedule = StompHeartBeatSchedule.Negotiate(new StompHeartBeat(1000, 5000), new StompHeartBeat(20000, 3000));

        schedule.ClientSendInterval.Should().Be(TimeSpan.FromMilliseconds(3000));
        schedule.ServerSendInterval.Should().Be(TimeSpan.FromMilliseconds(20000));
    }

    [Test]
    public void A_broker_that_wants_client_beats_gets_them_even_when_we_offered_none()
    {
        var schedule = StompHeartBeatSchedule.Negotiate(new StompHeartBeat(0, 15000), new StompHeartBeat(0, 10000));

        schedule.ClientSendInterval.Should().Be(TimeSpan.FromSeconds(10));
        schedule.ServerSendInterval.Should().Be(TimeSpan.Zero);
        schedule.ReceiveTimeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Test]
    public void Missing_header_means_none_and_garbage_is_a_protocol_error()
    {
        StompHeartBeat.Parse(null).Should().Be(StompHeartBeat.None);
        FluentActions.Invoking(() => StompHeartBeat.Parse("15000")).Should().Throw<StompProtocolException>();
        FluentActions.Invoking(() => StompHeartBeat.Parse("a,b")).Should().Throw<StompProtocolException>();
    }

    [Test]
    public void Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var backoff = new StompReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        backoff.DelayFor(0).TotalSeconds.Should().BeInRange(0.8, 1.2);
        backoff.DelayFor(3).TotalSeconds.Should().BeInRange(6.4, 9.6);
        Enumerable.Range(0, 50).Select(_ => backoff.DelayFor(20).TotalSeconds).Should().OnlyContain(s => s >= 48 && s <= 60);
    }

    [Test]
    public void Options_are_validated_up_front_without_revealing_the_passcode()
    {
        var options = new StompClientOptions { Host = "", Passcode = "TOPSECRET" };

        FluentActions.Invoking(options.Validate).Should().Throw<ArgumentException>().WithMessage("*Host*");
        new StompClientOptions { Host = "h", Port = 70000 }.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().WithMessage("*Port*");
        new StompClientOptions { Host = "h", CaFile = "/nonexistent/ca.pem" }.Invoking(o => o.Validate())
            .Should().Throw<ArgumentException>().WithMessage("*CaFile*");
        new StompClientOptions { Host = "h", Login = "key", Passcode = "TOPSECRET" }.ToString().Should().NotContain("TOPSECRET");
    }
}
