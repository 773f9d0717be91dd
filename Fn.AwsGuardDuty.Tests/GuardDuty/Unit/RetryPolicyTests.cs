using System.Net;
using System.Net.Sockets;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Polly.Timeout;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class RetryPolicyTests
{
    private static GuardDutyServiceException Error(int status, string code) =>
        new("ListFindings", "us-east-1", (HttpStatusCode)status, code, null, "m", "r");

    [Test]
    public void Transient_failures_are_retried_and_client_errors_are_not()
    {
        GuardDutyRetryPolicy.IsTransient(Error(429, "TooManyRequestsException")).Should().BeTrue();
        GuardDutyRetryPolicy.IsTransient(Error(500, "InternalServerErrorException")).Should().BeTrue();
        GuardDutyRetryPolicy.IsTransient(Error(503, "Http503")).Should().BeTrue();
        GuardDutyRetryPolicy.IsTransient(new HttpRequestException("connection refused")).Should().BeTrue();
        GuardDutyRetryPolicy.IsTransient(new IOException("reset")).Should().BeTrue();
        GuardDutyRetryPolicy.IsTransient(new SocketException()).Should().BeTrue();
        GuardDutyRetryPolicy.IsTransient(new TimeoutRejectedException()).Should().BeTrue();

        GuardDutyRetryPolicy.IsTransient(Error(400, "BadRequestException")).Should().BeFalse();
        GuardDutyRetryPolicy.IsTransient(Error(403, "AccessDeniedException")).Should().BeFalse();
        GuardDutyRetryPolicy.IsTransient(new OperationCanceledException()).Should().BeFalse();
        GuardDutyRetryPolicy.IsTransient(new GuardDutyCredentialsException("no creds")).Should().BeFalse();
        GuardDutyRetryPolicy.IsTransient(null).Should().BeFalse();
    }

    [Test]
    public void Back_off_grows_exponentially_with_jitter_is_capped_and_throttling_waits_longer()
    {
        var policy = new GuardDutyRetryPolicy(new GuardDutyClientOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(500),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
        });
        var server = Error(500, "InternalServerErrorException");
        var throttled = Error(429, "TooManyRequestsException");

        policy.DelayBefore(0, server, 0).Should().Be(TimeSpan.FromMilliseconds(50));
        policy.DelayBefore(0, server, 1).Should().Be(TimeSpan.FromMilliseconds(100));
        policy.DelayBefore(3, server, 0.5).Should().Be(TimeSpan.FromMilliseconds(600));
        policy.DelayBefore(0, throttled, 1).Should().Be(TimeSpan.FromMilliseconds(500));
        policy.DelayBefore(10, throttled, 1).Should().Be(TimeSpan.FromSeconds(2));
        policy.DelayBefore(60, server, 0).Should().Be(TimeSpan.FromSeconds(1));
    }
}
