using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Http;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class RetryDelaysTests
{
    private static readonly SoarClientOptions Options = new()
    {
        RequestRetryDelay = TimeSpan.FromSeconds(2),
        RequestRetryBackoff = 2,
        MaxRetryDelay = TimeSpan.FromSeconds(60),
    };

    [Test]
    public void Grows_by_the_backoff_factor_with_bounded_jitter()
    {
        RetryDelays.Compute(Options, 0, null, 0.5).Should().Be(TimeSpan.FromSeconds(2));
        RetryDelays.Compute(Options, 1, null, 0.5).Should().Be(TimeSpan.FromSeconds(4));
        RetryDelays.Compute(Options, 3, null, 0.5).Should().Be(TimeSpan.FromSeconds(16));
        RetryDelays.Compute(Options, 0, null, 0).Should().Be(TimeSpan.FromSeconds(1.6));
        RetryDelays.Compute(Options, 0, null, 1).Should().Be(TimeSpan.FromSeconds(2.4));
    }

    [Test]
    public void Honours_retry_after_and_the_cap()
    {
        RetryDelays.Compute(Options, 0, TimeSpan.FromSeconds(10), 0.5).Should().Be(TimeSpan.FromSeconds(10));
        RetryDelays.Compute(Options, 0, TimeSpan.FromHours(1), 0.5).Should().Be(TimeSpan.FromSeconds(60));
        RetryDelays.Compute(Options, 20, null, 0.5).Should().Be(TimeSpan.FromSeconds(60));
    }
}
