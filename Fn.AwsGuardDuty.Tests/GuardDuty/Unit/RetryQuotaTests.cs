using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

/// <summary>The standard retry mode's quota, with the figures of the AWS SDKs and Tools reference guide.</summary>
public class RetryQuotaTests
{
    [Test]
    public void Five_hundred_tokens_pay_for_a_hundred_retries_then_retries_stop()
    {
        var quota = new RetryQuota();

        for (var i = 0; i < 100; i++) quota.TryAcquire(timeoutOrNetwork: false, out _).Should().BeTrue();

        quota.TryAcquire(timeoutOrNetwork: false, out var cost).Should().BeFalse();
        cost.Should().Be(0);
        quota.Available.Should().Be(0);
    }

    [Test]
    public void A_retry_after_a_timeout_costs_ten_and_success_gives_back_what_the_retry_cost_or_one()
    {
        var quota = new RetryQuota();

        quota.TryAcquire(timeoutOrNetwork: true, out var cost).Should().BeTrue();
        cost.Should().Be(10);
        quota.Available.Should().Be(490);
        quota.OnSuccess(cost);
        quota.Available.Should().Be(500);

        quota.TryAcquire(timeoutOrNetwork: false, out _);
        quota.OnSuccess(0);
        quota.Available.Should().Be(496, "a call that needed no retry gives back one token");
        quota.OnSuccess(0);
        quota.OnSuccess(0);
        quota.OnSuccess(0);
        quota.OnSuccess(0);
        quota.OnSuccess(0);
        quota.Available.Should().Be(500, "the bucket never holds more than it started with");
    }
}
