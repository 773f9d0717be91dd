using System.Diagnostics;
using System.Net;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>Throttling, server errors, denied regions, latency and call counts, switched at run time.</summary>
public class FaultInjectionTests : EmulatorFixture
{
    [Test]
    public async Task Every_third_call_is_throttled_with_the_api_gateway_answer()
    {
        NewDetector();
        State.Faults.ThrottleEveryNthCall(3);

        var statuses = new List<HttpStatusCode>();
        AwsTestResponse? throttled = null;
        for (var i = 0; i < 7; i++)
        {
            var response = await Client().GetAsync("/detector");
            statuses.Add(response.Status);
            throttled ??= response.Status == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, HttpStatusCode.OK);
        throttled!.ErrorType.Should().Be("TooManyRequestsException");
        throttled.Body.Should().Be("{\"message\":\"Too Many Requests\"}");
        throttled.Header("x-amzn-RequestId").Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task A_burst_throttles_consecutive_calls_of_one_operation_then_stops()
    {
        var detector = NewDetector();
        State.Faults.ThrottleBurst(3, skip: 1, operation: GuardDutyOperation.ListFindings);

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((int)(await Client().PostAsync(FindingsPath(detector), new())).Status);
        }

        var other = await Client().GetAsync("/detector");

        statuses.Should().Equal(200, 429, 429, 429, 200, 200);
        other.ShouldBeOk();
    }

    [Test]
    public async Task Probabilistic_throttling_is_reproducible_for_a_seed()
    {
        NewDetector();

        async Task<List<int>> Run()
        {
            State.Faults.Clear();
            State.Faults.ThrottleRandomly(0.5, seed: 42);
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                statuses.Add((int)(await Client().GetAsync("/detector")).Status);
            }

            return statuses;
        }

        var first = await Run();
        var second = await Run();

        second.Should().Equal(first);
        first.Should().Contain(429).And.Contain(200);
    }

    [Test]
    public async Task Server_errors_have_the_modeled_shape()
    {
        NewDetector();
        State.Faults.FailBurst(2);

        var first = await Client().GetAsync("/detector");
        var second = await Client().GetAsync("/detector");
        var third = await Client().GetAsync("/detector");

        first.ShouldBeError(HttpStatusCode.InternalServerError, "InternalServerErrorException", "InternalException");
        second.Status.Should().Be(HttpStatusCode.InternalServerError);
        third.ShouldBeOk();
        State.Faults.InjectedCount.Should().Be(2);
    }

    [Test]
    public async Task Every_nth_call_can_fail_with_500()
    {
        NewDetector();
        State.Faults.FailEveryNthCall(2, GuardDutyOperation.ListDetectors);

        (await Client().GetAsync("/detector")).ShouldBeOk();
        (await Client().GetAsync("/detector")).Status.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Test]
    public async Task A_denied_region_answers_403_access_denied_until_allowed_again()
    {
        NewDetector("eu-west-2");
        NewDetector("eu-west-3");
        State.Faults.DenyRegion("eu-west-2");

        var denied = await Client("eu-west-2").GetAsync("/detector");
        var other = await Client("eu-west-3").GetAsync("/detector");
        State.Faults.AllowRegion("eu-west-2");
        var allowed = await Client("eu-west-2").GetAsync("/detector");

        denied.ShouldBeError(HttpStatusCode.Forbidden, "AccessDeniedException", "AccessDeniedException");
        denied.Json.Value<string>("message").Should().Contain("guardduty:ListDetectors");
        other.ShouldBeOk();
        allowed.ShouldBeOk();
    }

    [Test]
    public async Task Latency_is_added_to_every_call()
    {
        NewDetector();
        State.Faults.Latency = TimeSpan.FromMilliseconds(250);

        var watch = Stopwatch.StartNew();
        (await Client().GetAsync("/detector")).ShouldBeOk();

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240));
    }

    [Test]
    public async Task Calls_are_counted_per_operation_and_region_including_faulted_ones()
    {
        var detector = NewDetector("sa-east-1");
        State.Calls.Reset();
        State.Faults.Add(new FaultRule(FaultKind.Throttle, new BurstTrigger(1)) { Operation = GuardDutyOperation.GetFindings });

        await Client("sa-east-1").PostAsync(FindingsPath(detector), new());
        await Client("sa-east-1").PostAsync(FindingsPath(detector, "/get"), new() { ["findingIds"] = new Newtonsoft.Json.Linq.JArray() });
        await Client("sa-east-1").PostAsync(FindingsPath(detector, "/get"), new() { ["findingIds"] = new Newtonsoft.Json.Linq.JArray() });
        await Client("sa-east-1", secret: "wrong").GetAsync("/detector");

        State.Calls.Count(GuardDutyOperation.ListFindings).Should().Be(1);
        State.Calls.Count(GuardDutyOperation.GetFindings, "sa-east-1").Should().Be(2);
        State.Calls.TotalFor("guardduty").Should().Be(3, "refused signatures are not calls of the account");
        State.Calls.ByOperation().Should().ContainKey(GuardDutyOperation.GetFindings);
    }
}
