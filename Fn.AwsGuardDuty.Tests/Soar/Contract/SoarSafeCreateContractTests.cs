using System.Net;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>
/// Creating with <see cref="SoarRetryPolicy.SafeOnly"/> against the emulator: a 500 that SOAR sends after committing is
/// not repeated (nor under the default policy, since issue 11 #1), a 429 is.
/// </summary>
public class SoarSafeCreateContractTests : SoarEmulatorFixture
{
    private const string CreateTemplate = "/rest/orgs/{org}/incidents";
    private const string CreateRoute = "^POST .*/incidents$";

    [Test]
    public async Task A_committed_create_answered_500_is_not_repeated_under_safe_only()
    {
        using var client = Client();
        await client.ConnectAsync();
        var before = CallsTo("POST", CreateTemplate);
        using var _ = Emulator.Faults.Add(SoarFault.CommitThenFail(CreateRoute, 1));

        var act = () => client.Incidents.CreateAsync(NewIncident("safe-1", region: "safe-region-1"), SoarRetryPolicy.SafeOnly);

        var error = (await act.Should().ThrowAsync<SoarHttpException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        error.Attempts.Should().Be(1);
        (CallsTo("POST", CreateTemplate) - before).Should().Be(1);
        client.Counters.Retries.Should().Be(0);
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "safe-1").Should().ContainSingle("SOAR did commit it");
    }

    [Test]
    public async Task The_default_policy_no_longer_repeats_a_500_on_a_create_as_SOAR_may_have_committed_it()
    {
        using var client = Client();
        await client.ConnectAsync();
        var before = CallsTo("POST", CreateTemplate);
        using var _ = Emulator.Faults.Add(SoarFault.CommitThenFail(CreateRoute, 1));

        var act = () => client.Incidents.CreateAsync(NewIncident("safe-2", region: "safe-region-2"));

        (await act.Should().ThrowAsync<SoarHttpException>()).Which.Attempts.Should().Be(1);
        (CallsTo("POST", CreateTemplate) - before).Should().Be(1);
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "safe-2").Should().ContainSingle("no blind retry duplicated it");
    }

    [Test]
    public async Task A_429_burst_is_retried_under_safe_only_and_makes_one_incident()
    {
        using var client = Client();
        await client.ConnectAsync();
        var before = CallsTo("POST", CreateTemplate);
        using var _ = Emulator.Faults.Add(SoarFault.Burst(CreateRoute, 429, 2));

        var created = await client.Incidents.CreateAsync(NewIncident("safe-3", region: "safe-region-3"), SoarRetryPolicy.SafeOnly);

        created["id"]!.ToObject<long>().Should().BePositive();
        (CallsTo("POST", CreateTemplate) - before).Should().Be(3);
        client.Counters.Retries.Should().Be(2);
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "safe-3").Should().ContainSingle();
    }

    [Test]
    public async Task A_503_under_safe_only_is_reported_after_one_attempt_even_when_nothing_was_made()
    {
        using var client = Client();
        await client.ConnectAsync();
        var before = CallsTo("POST", CreateTemplate);
        using var _ = Emulator.Faults.Add(SoarFault.Burst(CreateRoute, 503, 1));

        var act = () => client.Incidents.CreateAsync(NewIncident("safe-4", region: "safe-region-4"), SoarRetryPolicy.SafeOnly);

        (await act.Should().ThrowAsync<SoarHttpException>()).Which.Attempts.Should().Be(1);
        (CallsTo("POST", CreateTemplate) - before).Should().Be(1);
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "safe-4").Should().BeEmpty();
    }
}
