using System.Text;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Fn.AwsGuardDuty.Tests.Reliability.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 6: a finding over 1 MB. Escalated by the built app's poller, it becomes one incident whose note is
/// truncated within the note limit with the marker, and whose other content is what the mapper makes of it. Refreshed
/// through the real listener and refresh function over ActiveMQ, the call succeeds, the refresh note is truncated
/// the same way, and the reply (which carries the whole finding) arrives.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[Order(6)]
public sealed class HugeFindingTests
{
    private const int OneMegabyte = 1024 * 1024;

    [Test]
    public async Task A_1_MB_finding_is_escalated_by_the_app_with_its_note_truncated()
    {
        await using var world = await AppWorld.StartAsync("huge-finding");
        var detector = world.Detector("us-east-1");
        var normal = world.Seed(detector, 20, seed: 601);
        var huge = world.Seed(detector, 1, seed: 602, change: (_, f) => HugeFinding.Grow(f, OneMegabyte, seed: 603));
        HugeFinding.Utf8Size(huge[0]).Should().BeGreaterThanOrEqualTo(OneMegabyte);
        world.WriteConfig();
        var app = world.StartApp();

        await Eventually.HoldsAsync(() => world.IncidentCount >= 21 || app.HasExited, TimeSpan.FromSeconds(60),
            () => $"{world.IncidentCount} of 21 incidents");
        app.ShouldBeRunning();
        var quiet = await app.WaitForCyclesAsync(2, TimeSpan.FromSeconds(60));
        quiet[^1].Should().Contain(" 0 created,", "the huge finding is escalated once, not again every cycle");
        (await app.StopAsync(TimeSpan.FromSeconds(30))).Should().Be(0);

        world.AssertExactlyOnePerFinding([(detector, normal.Concat(huge).ToList())], contentSample: 21);
        var note = world.IncidentsByFinding()[huge[0].Value<string>("id")!].Single().Comments.Single().Content;
        Encoding.UTF8.GetByteCount(note).Should().BeLessThanOrEqualTo(NoteText.DefaultMaxBytes);
        note.Should().StartWith(NoteText.CreationHeading).And.Contain("[note truncated: ");
        world.ReadLogLines().Should().NotContain(l => l.Contains(" ERROR ", StringComparison.Ordinal), "nothing failed on the way");
    }

    [Test]
    [Category("Broker")]
    public async Task A_1_MB_finding_is_refreshed_through_the_listener_with_its_note_truncated()
    {
        var broker = await SharedActiveMqBroker.GetAsync();
        await using var stack = await FunctionStack.StartAsync("huge-finding refresh", broker.ClientOptions(), broker.ClientOptions());
        var id = stack.SeedFindings(1, seed: 611)[0];
        stack.GuardDuty.State.UpdateFinding(stack.Detector, id, f => HugeFinding.Grow(f, OneMegabyte, seed: 612));
        var incident = await stack.SoarClient.Incidents.CreateAsync(new JObject
        {
            ["name"] = "AWS GuardDuty: a 1 MB finding to refresh",
            ["discovered_date"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["severity_code"] = "Low",
            ["properties"] = new JObject
            {
                [IncidentFields.FindingId] = id,
                [IncidentFields.DetectorId] = stack.Detector.DetectorId,
                [IncidentFields.Region] = FunctionStack.Region,
            },
        });
        var inputs = stack.FindingInputs(id);
        inputs[InputNames.IncidentId] = incident.Value<long>("id");

        var reply = await stack.Platform.CallAsync(FunctionNames.RefreshFinding, inputs);

        reply.IsError.Should().BeFalse(reply.Message);
        reply.Success.Should().BeTrue();
        reply.Content!["finding"]!.Value<string>("Id").Should().Be(id);
        Encoding.UTF8.GetByteCount(reply.Final.ToString()).Should().BeGreaterThan(OneMegabyte, "the reply carries the whole finding");
        var comments = stack.Soar.State.DefaultOrg.GetIncident(incident.Value<long>("id"))!.Comments;
        var note = comments.Should().ContainSingle().Which.Content;
        Encoding.UTF8.GetByteCount(note).Should().BeLessThanOrEqualTo(NoteText.DefaultMaxBytes);
        note.Should().StartWith(NoteText.RefreshHeading).And.Contain("[note truncated: ");
    }
}
