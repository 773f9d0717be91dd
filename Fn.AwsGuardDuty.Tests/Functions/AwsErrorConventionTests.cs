using System.Net;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty.Errors;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>Which GuardDuty failures the legacy functions return as <c>{"status":"error"}</c>, and how every failure is worded.</summary>
public class AwsErrorConventionTests
{
    private static GuardDutyServiceException Service(int status, string code, string message = "the message", int attempts = 1) =>
        new("ArchiveFindings", "us-east-1", (HttpStatusCode)status, code, null, message, "req-1") { Attempts = attempts };

    [TestCase(400, "BadRequestException", true)]
    [TestCase(400, "ValidationException", true)]
    [TestCase(422, "ValidationError", true)]
    [TestCase(500, "InternalServerErrorException", true)]
    [TestCase(503, "ServiceUnavailable", false)]
    [TestCase(429, "TooManyRequestsException", false)]
    [TestCase(403, "AccessDeniedException", false)]
    [TestCase(403, "UnrecognizedClientException", false)]
    public void Client_errors_are_the_references_list(int status, string code, bool clientError) =>
        LegacyAwsErrors.IsClientError(Service(status, code)).Should().Be(clientError);

    [Test]
    public void Failures_without_a_service_answer_are_never_client_errors()
    {
        LegacyAwsErrors.IsClientError(new GuardDutyTimeoutException("slow")).Should().BeFalse();
        LegacyAwsErrors.IsClientError(new GuardDutyTransportException("refused")).Should().BeFalse();
        LegacyAwsErrors.IsClientError(new GuardDutyCredentialsException("none")).Should().BeFalse();
    }

    [Test]
    public void The_text_is_code_colon_message_and_says_when_retries_were_spent()
    {
        AwsErrorText.Describe(Service(400, "BadRequestException", "bad", attempts: 1)).Should().Be("BadRequestException: bad");
        AwsErrorText.Describe(Service(429, "TooManyRequestsException", "Too Many Requests", attempts: 5))
            .Should().Be("TooManyRequestsException: Too Many Requests (still failing after 5 attempts)");
        AwsErrorText.Describe(new GuardDutyTimeoutException("GuardDuty X timed out.")).Should().Be("Timeout: GuardDuty X timed out.");
        AwsErrorText.Describe(new GuardDutyTransportException("no route")).Should().Be("ConnectionError: no route");
        AwsErrorText.Describe(new GuardDutyCredentialsException("no keys")).Should().Be("CredentialsError: no keys");
    }

    [Test]
    public void The_legacy_failure_names_the_operation_and_region()
    {
        LegacyAwsErrors.Failure(Service(403, "AccessDeniedException", "denied")).Message
            .Should().Be("AWS GuardDuty ArchiveFindings in us-east-1 failed: AccessDeniedException: denied");
        LegacyAwsErrors.ErrorContent(Service(400, "BadRequestException", "bad")).ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("{\"status\":\"error\",\"msg\":\"BadRequestException: bad\"}");
    }
}
