using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Sandbox.Aws;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>
/// Drives the noisy paths (credentials with a token, retries, denials, failed calls, region refreshes) and then scans every
/// line the GuardDuty client has logged in this run for every secret the tests handed out.
/// </summary>
public class LogSecretScanTests : EmulatorContractFixture
{
    [Test]
    public async Task No_log_line_carries_a_secret()
    {
        var detector = NewDetector();
        var factory = await NewFactoryAsync(o => { o.AccessKeyId = SessionKey; o.SecretAccessKey = SessionSecret; o.SessionToken = SessionToken; o.MaxAttempts = 2; });
        var client = factory.GetClient(Region);
        State.Faults.ThrottleBurst(1);
        await client.ListDetectorsAsync().ToListAsync();
        State.Faults.ThrottleBurst(5);
        await FluentActions.Awaiting(() => client.ListDetectorsPageAsync()).Should().ThrowAsync<GuardDutyServiceException>();
        State.Faults.Clear();
        await FluentActions.Awaiting(() => client.GetDetectorAsync("nope")).Should().ThrowAsync<GuardDutyServiceException>();
        State.Faults.DenyRegion("eu-west-1");
        using (var discovery = factory.CreateRegionDiscovery()) await discovery.RefreshAsync();
        State.Faults.Add(new FaultRule(FaultKind.InternalError, new AlwaysTrigger()) { Service = "ec2" });
        using (var discovery = factory.CreateRegionDiscovery()) await discovery.RefreshAsync();
        _ = detector;

        Capture.Lines.Should().Contain(l => l.Contains("retrying in")).And.Contain(l => l.Contains("Region refresh failed"));
        AllSecrets.Should().Contain([SessionSecret, SessionToken, SecretKey]);
        LeakedLines().Should().BeEmpty();
    }
}
