using System.Net;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class ErrorParsingTests
{
    private static GuardDutyServiceException Parse(HttpStatusCode status, string? body, params (string Name, string Value)[] headers) =>
        GuardDutyErrorParser.Parse("ListFindings", "us-east-1", status,
            name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value, body);

    [Test]
    public void Code_comes_from_the_header_and_the_body_type_is_kept_as_sub_type()
    {
        var e = Parse(HttpStatusCode.BadRequest,
            """{"message":"The request is rejected because the input detectorId is not owned by the current account.","__type":"InvalidInputException"}""",
            ("x-amzn-ErrorType", "BadRequestException:http://internal.amazon.com/coral/com.amazon.coral.service/"),
            ("x-amzn-RequestId", "f31cdd9e-5804-45e5-be72-f30c711585d7"));

        e.ErrorCode.Should().Be("BadRequestException");
        e.ErrorSubType.Should().Be("InvalidInputException");
        e.Kind.Should().Be(GuardDutyErrorKind.BadRequest);
        e.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        e.RequestId.Should().Be("f31cdd9e-5804-45e5-be72-f30c711585d7");
        e.ServiceMessage.Should().StartWith("The request is rejected because the input detectorId");
        e.IsRetryable.Should().BeFalse();
        e.Message.Should().Contain("ListFindings").And.Contain("us-east-1").And.Contain("400 BadRequestException/InvalidInputException")
            .And.Contain("f31cdd9e");
    }

    [Test]
    public void Without_the_header_the_body_type_is_the_code_and_namespaces_are_dropped()
    {
        var e = Parse(HttpStatusCode.Forbidden, """{"__type":"com.amazon#AccessDeniedException","Message":"User: arn:aws:iam::1:user/x is not authorized"}""");
        e.ErrorCode.Should().Be("AccessDeniedException");
        e.Kind.Should().Be(GuardDutyErrorKind.AccessDenied);
        e.ServiceMessage.Should().Contain("not authorized");
        e.MeansRegionUnavailable.Should().BeTrue();
    }

    [Test]
    public void Header_message_overrides_and_throttling_is_classified()
    {
        var e = Parse(HttpStatusCode.TooManyRequests, """{"message":"Too Many Requests"}""",
            ("x-amzn-ErrorType", "TooManyRequestsException"), ("x-amzn-ErrorMessage", "Rate exceeded"));
        e.ErrorCode.Should().Be("TooManyRequestsException");
        e.ServiceMessage.Should().Be("Rate exceeded");
        e.Kind.Should().Be(GuardDutyErrorKind.Throttling);
        e.IsRetryable.Should().BeTrue();
    }

    [Test]
    public void Non_json_bodies_and_empty_bodies_still_give_a_clear_error()
    {
        var html = Parse(HttpStatusCode.BadGateway, "<html><body>\n  Bad   gateway from proxy </body></html>");
        html.ErrorCode.Should().Be("Http502");
        html.ServiceMessage.Should().Be("<html><body> Bad gateway from proxy </body></html>");
        html.Kind.Should().Be(GuardDutyErrorKind.InternalServerError);
        html.IsRetryable.Should().BeTrue();

        var empty = Parse(HttpStatusCode.ServiceUnavailable, "");
        empty.ServiceMessage.Should().Be("(no message)");
        empty.ErrorSubType.Should().BeNull();
    }

    [TestCase("UnrecognizedClientException", 403, GuardDutyErrorKind.Authentication, false)]
    [TestCase("ExpiredTokenException", 403, GuardDutyErrorKind.Authentication, false)]
    [TestCase("SubscriptionRequiredException", 403, GuardDutyErrorKind.NotSubscribed, false)]
    [TestCase("InternalServerErrorException", 500, GuardDutyErrorKind.InternalServerError, true)]
    [TestCase("ThrottlingException", 400, GuardDutyErrorKind.Throttling, true)]
    [TestCase("RequestLimitExceeded", 503, GuardDutyErrorKind.Throttling, true)]
    [TestCase("RequestTimeout", 400, GuardDutyErrorKind.BadRequest, true)]
    [TestCase("Http504", 504, GuardDutyErrorKind.InternalServerError, true)]
    [TestCase("BadRequestException", 400, GuardDutyErrorKind.BadRequest, false)]
    [TestCase("AccessDeniedException", 403, GuardDutyErrorKind.AccessDenied, false)]
    [TestCase("SomethingNew", 409, GuardDutyErrorKind.Other, false)]
    public void Classifies_codes(string code, int status, GuardDutyErrorKind kind, bool retryable)
    {
        GuardDutyErrorClassifier.KindOf((HttpStatusCode)status, code).Should().Be(kind);
        GuardDutyErrorClassifier.IsRetryable((HttpStatusCode)status, code).Should().Be(retryable);
    }
}
