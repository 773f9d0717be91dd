using System.Net;
using System.Net.Sockets;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Http;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class RetryClassifierTests
{
    [TestCase(429, true)]
    [TestCase(500, true)]
    [TestCase(502, true)]
    [TestCase(503, true)]
    [TestCase(504, true)]
    [TestCase(501, false)]
    [TestCase(400, false)]
    [TestCase(401, false)]
    [TestCase(404, false)]
    [TestCase(409, false)]
    [TestCase(200, false)]
    public void Statuses(int status, bool retry)
    {
        RetryClassifier.ShouldRetry(idempotent: true, (HttpStatusCode)status, null).Should().Be(retry);
        RetryClassifier.ShouldRetry(idempotent: false, (HttpStatusCode)status, null)
            .Should().Be(status == 429, "a 5xx may come after SOAR committed the write (issue 11 #1); only a 429 is answered before acting");
    }

    [Test]
    public void A_connection_that_was_never_made_is_retried_even_for_POST()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        RetryClassifier.ShouldRetry(false, null, refused).Should().BeTrue();
        RetryClassifier.ShouldRetry(true, null, refused).Should().BeTrue();
        RetryClassifier.ShouldRetry(false, null, new HttpRequestException(HttpRequestError.NameResolutionError, "dns")).Should().BeTrue();
    }

    [Test]
    public void A_connection_broken_after_sending_is_retried_only_when_idempotent()
    {
        var ended = new HttpRequestException(HttpRequestError.ResponseEnded, "ended", new IOException("reset"));
        RetryClassifier.ShouldRetry(true, null, ended).Should().BeTrue();
        RetryClassifier.ShouldRetry(false, null, ended).Should().BeFalse("the incident may already exist");
        RetryClassifier.ShouldRetry(true, null, new SoarAttemptTimeoutException(TimeSpan.FromSeconds(1))).Should().BeTrue();
        RetryClassifier.ShouldRetry(false, null, new SoarAttemptTimeoutException(TimeSpan.FromSeconds(1))).Should().BeFalse();
    }

    [Test]
    public void Tls_failures_cancellation_and_other_errors_are_not_retried()
    {
        RetryClassifier.ShouldRetry(true, null, new HttpRequestException(HttpRequestError.SecureConnectionError, "untrusted")).Should().BeFalse();
        RetryClassifier.ShouldRetry(true, null, new OperationCanceledException()).Should().BeFalse();
        RetryClassifier.ShouldRetry(true, null, new InvalidOperationException()).Should().BeFalse();
    }

    [TestCase(429, true)]
    [TestCase(500, false)]
    [TestCase(502, false)]
    [TestCase(503, false)]
    [TestCase(504, false)]
    [TestCase(400, false)]
    [TestCase(409, false)]
    [TestCase(200, false)]
    public void Safe_only_repeats_no_status_but_429(int status, bool retry)
    {
        RetryClassifier.ShouldRetry(SoarRetryPolicy.SafeOnly, idempotent: false, (HttpStatusCode)status, null).Should().Be(retry);
        RetryClassifier.ShouldRetry(SoarRetryPolicy.Default, idempotent: false, (HttpStatusCode)status, null)
            .Should().Be(retry, "a POST that writes gets the same rule under the default policy");
    }

    [Test]
    public void Safe_only_repeats_only_requests_that_never_left()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        RetryClassifier.ShouldRetrySafeOnly(null, refused).Should().BeTrue();
        RetryClassifier.ShouldRetrySafeOnly(null, new HttpRequestException(HttpRequestError.NameResolutionError, "dns")).Should().BeTrue();
        RetryClassifier.ShouldRetrySafeOnly(null, new HttpRequestException(HttpRequestError.ResponseEnded, "ended", new IOException("reset")))
            .Should().BeFalse("the create may have been committed before the connection dropped");
        RetryClassifier.ShouldRetrySafeOnly(null, new SoarAttemptTimeoutException(TimeSpan.FromSeconds(1))).Should().BeFalse();
        RetryClassifier.ShouldRetrySafeOnly(null, new HttpRequestException(HttpRequestError.SecureConnectionError, "untrusted")).Should().BeFalse();
        RetryClassifier.ShouldRetrySafeOnly(null, new OperationCanceledException()).Should().BeFalse();
    }
}
