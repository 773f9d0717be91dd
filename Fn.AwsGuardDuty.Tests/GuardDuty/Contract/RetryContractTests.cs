using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>Retries under injected 429/500 bursts, with the attempts counted on both sides.</summary>
public class RetryContractTests : EmulatorContractFixture
{
    [Test]
    public async Task A_429_burst_is_absorbed_by_retries()
    {
        NewDetector();
        var factory = await NewFactoryAsync();
        State.Calls.Reset();
        State.Faults.ThrottleBurst(3, operation: "ListDetectors");

        var ids = await factory.GetClient(Region).ListDetectorsAsync().ToListAsync();

        ids.Should().HaveCount(1);
        factory.Counters.AttemptsOf("ListDetectors").Should().Be(4);
        factory.Counters.Retries.Should().Be(3);
        State.Calls.Count("ListDetectors").Should().Be(4);
        State.Faults.InjectedCount.Should().Be(3);
    }

    [Test]
    public async Task A_500_burst_on_GetFindings_is_absorbed_per_batch()
    {
        var detector = NewDetector();
        var ids = Seed(detector, 100).Select(f => (string)f["id"]!).ToList();
        var factory = await NewFactoryAsync();
        State.Calls.Reset();
        State.Faults.FailBurst(2, operation: "GetFindings");

        var findings = await factory.GetClient(Region).GetFindingsAsync(detector.DetectorId, ids);

        findings.Should().HaveCount(100);
        factory.Counters.CallsOf("GetFindings").Should().Be(2);
        factory.Counters.AttemptsOf("GetFindings").Should().Be(4);
        State.Calls.Count("GetFindings").Should().Be(4);
    }

    [Test]
    public async Task Throttling_that_outlives_the_attempts_is_a_clear_error_with_the_attempt_count()
    {
        NewDetector();
        var factory = await NewFactoryAsync(o => o.MaxAttempts = 3);
        State.Calls.Reset();
        State.Faults.ThrottleBurst(10, operation: "ListDetectors");

        var act = () => factory.GetClient(Region).ListDetectorsPageAsync();
        var error = (await act.Should().ThrowAsync<GuardDutyServiceException>()).Which;

        error.Kind.Should().Be(GuardDutyErrorKind.Throttling);
        error.StatusCode.Should().Be((System.Net.HttpStatusCode)429);
        error.ErrorCode.Should().Be("TooManyRequestsException");
        error.Attempts.Should().Be(3);
        State.Calls.Count("ListDetectors").Should().Be(3);
        factory.Counters.Failures.Should().Be(1);
    }

    [Test]
    public async Task Every_third_call_throttled_over_a_long_listing_still_completes()
    {
        var detector = NewDetector();
        Seed(detector, 150);
        var factory = await NewFactoryAsync();
        State.Faults.ThrottleEveryNthCall(3);

        var ids = await factory.GetClient(Region).ListFindingsAsync(detector.DetectorId, pageSize: 10).ToListAsync();

        ids.Should().HaveCount(150).And.OnlyHaveUniqueItems();
        factory.Counters.Retries.Should().BeGreaterThan(0);
        factory.Counters.HttpAttempts.Should().Be(factory.Counters.Calls + factory.Counters.Retries);
    }

    [Test]
    public async Task Access_denied_is_not_retried()
    {
        NewDetector("eu-west-2");
        var factory = await NewFactoryAsync();
        State.Calls.Reset();
        State.Faults.DenyRegion("eu-west-2");

        var act = () => factory.GetClient("eu-west-2").ListDetectorsPageAsync();
        var error = (await act.Should().ThrowAsync<GuardDutyServiceException>()).Which;

        error.Kind.Should().Be(GuardDutyErrorKind.AccessDenied);
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        error.Attempts.Should().Be(1);
        State.Calls.Count("ListDetectors", "eu-west-2").Should().Be(1);
    }

    [Test]
    public async Task A_bad_request_is_not_retried()
    {
        var detector = NewDetector();
        var factory = await NewFactoryAsync();
        State.Calls.Reset();
        State.Faults.ThrottleEveryNthCall(1000);

        var act = () => factory.GetClient(Region).GetFindingsAsync("ffffffffffffffffffffffffffffffff", ["a"]);

        (await act.Should().ThrowAsync<GuardDutyServiceException>()).Which.Attempts.Should().Be(1);
        State.Calls.Count("GetFindings").Should().Be(1);
        _ = detector;
    }
}
