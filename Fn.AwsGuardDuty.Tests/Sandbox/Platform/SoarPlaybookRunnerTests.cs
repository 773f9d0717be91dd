using System.Net;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Tests.Circuits;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Sandbox.Soar;
using Fn.AwsGuardDuty.Tests.Sandbox.Stomp;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Platform;

/// <summary>
/// The automatic playbooks end to end: an incident changed over the emulator's REST API, the rule fires, the function
/// is called through the sandbox broker on a real FunctionListener (test handlers), and the script's result lands on
/// the incident.
/// </summary>
public class SoarPlaybookRunnerTests : SandboxBrokerTestBase
{
    private const string Org = "/rest/orgs/201";
    private SoarEmulator _emulator = null!;
    private SoarTestClient _rest = null!;
    private FunctionListener _listener = null!;
    private SoarPlatform _platform = null!;
    private SoarPlaybookRunner _runner = null!;
    private readonly FakeGuardDutyFunctions _functions = new();
    private readonly List<SoarIncidentChangedEventArgs> _changes = [];

    [OneTimeSetUp]
    public async Task StartLoopAsync()
    {
        _emulator = await SoarEmulator.StartAsync(new SoarEmulatorOptions { Preload = SoarPreload.GuardDuty });
        _rest = new SoarTestClient(_emulator.BaseUri, _emulator.CaPem);
        var key = _emulator.Options.ApiKeys[0];
        _rest.UseApiKey(key.Id, key.Secret);
        _emulator.State.IncidentChanged += (_, e) =>
        {
            lock (_changes)
            {
                _changes.Add(e);
            }
        };

        var options = new FunctionListenerOptions { OrgId = 201, NumWorkers = 4, ShutdownGrace = TimeSpan.FromSeconds(2) };
        _listener = new FunctionListener(new StompClient(Broker.ClientOptions(AppLogin, AppPasscode), NullLogger<StompClient>.Instance),
            new FunctionHandlerRegistry(_functions.Handlers), options, NullLogger<FunctionListener>.Instance);
        await _listener.StartAsync(CancellationToken.None);
        await _listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(10));
        _platform = await SoarPlatform.StartAsync(Broker.ClientOptions(PlatformLogin, PlatformPasscode), 201);
        _platform.CallTimeout = TimeSpan.FromSeconds(10);
        _runner = new SoarPlaybookRunner(_emulator, _platform, NullLogger<SoarPlaybookRunner>.Instance);
        _runner.Start();
    }

    [OneTimeTearDown]
    public async Task StopLoopAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        _rest?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [Test]
    public async Task Closing_an_unarchived_incident_archives_its_finding_once_and_marks_it_archived()
    {
        var findingId = "f-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId);
        var callsBefore = _runner.ArchiveCalls;

        await CloseAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200); // a ping-pong would queue another run by now
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var calls = ArchiveCallsFor(findingId);
        calls.Should().ContainSingle();
        JsonShould.Equal(calls[0], $$"""{"aws_gd_finding_id":"{{findingId}}","aws_gd_detector_id":"det-1","aws_gd_region":"us-west-2"}""");
        _runner.ArchiveCalls.Should().Be(callsBefore + 1);
        var incident = Incident(id);
        incident.Properties["aws_guardduty_archived"].Should().Be("True");
        incident.Comments.Should().ContainSingle(c => c.Content.Contains("was successfully archived") && c.Content.Contains(findingId));
        _runner.Runs().Last().Should().Match<SoarPlaybookRun>(r => r.IncidentId == id && r.Outcome == SoarPlaybookOutcome.Succeeded);
        ChangesOf(id).Should().Contain(c => c.Kind == SoarIncidentChangeKind.Updated && c.Changed("properties.aws_guardduty_archived"),
            "the script's write reaches IncidentChanged like any SOAR change");
    }

    [Test]
    public async Task Closing_an_incident_already_archived_calls_nothing()
    {
        var findingId = "f-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId, archived: "True");

        await CloseAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        ArchiveCallsFor(findingId).Should().BeEmpty();
    }

    [Test]
    public async Task An_archive_that_answers_status_error_leaves_a_note_and_the_flag_alone()
    {
        var findingId = "bad-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId);

        await CloseAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var incident = Incident(id);
        incident.Properties["aws_guardduty_archived"].Should().Be("False");
        incident.Comments.Should().ContainSingle(c => c.Content.Contains("BadRequestException"));
        _runner.Runs().Last().Outcome.Should().Be(SoarPlaybookOutcome.ScriptReportedError);
    }

    [Test]
    public async Task A_failed_archive_call_fails_the_playbook_without_touching_the_incident()
    {
        var findingId = "boom-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId);
        var failuresBefore = _runner.Failures;

        await CloseAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        _runner.Failures.Should().Be(failuresBefore + 1);
        _runner.Runs().Last().Should().Match<SoarPlaybookRun>(r => r.Outcome == SoarPlaybookOutcome.FunctionFailed && r.Detail == "archive exploded");
        Incident(id).Comments.Should().BeEmpty();
    }

    [Test]
    public async Task Triggering_a_refresh_replaces_the_rows_adds_new_artifacts_updates_fields_and_clears_the_trigger()
    {
        var findingId = "f-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId, artifacts: new JArray(new JObject { ["type"] = "IP Address", ["value"] = "198.51.100.7" }));
        foreach (var stale in new[] { "1", "2" })
        {
            var (status, body) = await _rest.PostAsync($"{Org}/incidents/{id}/table_data/gd_finding_overview/row_data",
                new JObject { ["cells"] = new JObject { ["count"] = new JObject { ["value"] = stale } } });
            status.Should().Be(HttpStatusCode.OK, body?.ToString());
        }

        await SetTriggerAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await SetTriggerAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var calls = _functions.RefreshCalls.Where(c => c.Value<string>("aws_gd_finding_id") == findingId).ToList();
        calls.Should().HaveCount(2, "the trigger was set twice");
        calls[0]["incident_id"]!.Value<long>().Should().Be(id);
        var incident = Incident(id);
        incident.Name.Should().Be("AWS GuardDuty: refreshed title");
        incident.SeverityCode.Should().Be("High");
        incident.Properties["aws_guardduty_count"].Should().Be("7");
        incident.Properties["aws_guardduty_finding_updated_at"].Should().Be("2024-05-01T10:00:00.000Z", "date-like text stays text, byte for byte");
        incident.Properties["aws_guardduty_trigger_refresh"].Should().Be(false);
        var overview = incident.Rows("gd_finding_overview");
        overview.Should().ContainSingle("the rows are replaced, not appended, on every refresh");
        overview[0].Cells["count"].Should().Be("7");
        var timestamp = _runner.Runs().Last().Reply!.Results!["metrics"]!["timestamp"]!.Value<string>();
        overview[0].Cells["query_execution_date"].Should().Be(timestamp);
        incident.Rows("gd_s3_bucket_details").Select(r => r.Cells["bucket_name"]).Should().Equal("bucket-a", "bucket-b");
        incident.Artifacts.Where(a => a.Value == "198.51.100.7").Should().ContainSingle("an artifact the incident has is not added again");
        incident.Artifacts.Should().ContainSingle(a => a.Type == "aws_s3_bucket_name" && a.Value == "bucket-a");
        _runner.Runs().TakeLast(2).Should().OnlyContain(r => r.Outcome == SoarPlaybookOutcome.Succeeded && r.IncidentId == id);
    }

    [Test]
    public async Task A_refresh_that_finds_nothing_notes_it_and_clears_the_trigger()
    {
        var findingId = "gone-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId);

        await SetTriggerAsync(id);
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var incident = Incident(id);
        incident.Properties["aws_guardduty_trigger_refresh"].Should().Be(false);
        incident.Comments.Should().ContainSingle(c => c.Content.Contains("No finding was returned"));
        incident.Name.Should().Be("Incident " + findingId);
    }

    [Test]
    public async Task Changes_that_match_no_rule_call_nothing()
    {
        var findingId = "f-" + Guid.NewGuid().ToString("N");
        var id = await CreateIncidentAsync(findingId);
        var (archive, refresh) = (_runner.ArchiveCalls, _runner.RefreshCalls);

        await PatchAsync(id, ("aws_guardduty_count", "9"));
        await PatchAsync(id, ("aws_guardduty_trigger_refresh", false));
        var (status, body) = await _rest.PostAsync($"{Org}/incidents", new JObject
        {
            ["name"] = "not a GuardDuty incident",
            ["discovered_date"] = 1714557600000,
            ["properties"] = new JObject { ["aws_guardduty_trigger_refresh"] = true },
        });
        status.Should().Be(HttpStatusCode.OK, body?.ToString());
        await CloseAsync(body!["id"]!.Value<long>());
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        (_runner.ArchiveCalls, _runner.RefreshCalls).Should().Be((archive, refresh));
    }

    [Test]
    public async Task Without_the_customization_no_playbook_runs()
    {
        await using var bare = await SoarEmulator.StartAsync(new SoarEmulatorOptions { Preload = SoarPreload.None });
        await using var runner = new SoarPlaybookRunner(bare, _platform);
        runner.Start();

        var view = bare.State.SeedIncident(new JObject
        {
            ["name"] = "closed at birth",
            ["discovered_date"] = 1714557600000,
            ["plan_status"] = "C",
            ["resolution_id"] = "Resolved",
            ["resolution_summary"] = "done",
        });
        await runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(5));

        view.IsClosed.Should().BeTrue();
        runner.ArchiveCalls.Should().Be(0);
    }

    private async Task<long> CreateIncidentAsync(string findingId, string archived = "False", JArray? artifacts = null)
    {
        var incident = new JObject
        {
            ["name"] = "Incident " + findingId,
            ["description"] = new JObject { ["format"] = "text", ["content"] = "original" },
            ["discovered_date"] = 1714557600000,
            ["severity_code"] = "Low",
            ["properties"] = new JObject
            {
                ["aws_guardduty_finding_id"] = findingId,
                ["aws_guardduty_detector_id"] = "det-1",
                ["aws_guardduty_region"] = "us-west-2",
                ["aws_guardduty_archived"] = archived,
                ["aws_guardduty_count"] = "1",
            },
        };
        if (artifacts is not null)
        {
            incident["artifacts"] = artifacts;
        }

        var (status, body) = await _rest.PostAsync($"{Org}/incidents", incident);
        status.Should().Be(HttpStatusCode.OK, body?.ToString());
        return body!["id"]!.Value<long>();
    }

    private Task CloseAsync(long id) =>
        PatchAsync(id, ("plan_status", "C"), ("resolution_id", "Resolved"), ("resolution_summary", "closed by an analyst"));

    private Task SetTriggerAsync(long id) => PatchAsync(id, ("aws_guardduty_trigger_refresh", true));

    private async Task PatchAsync(long id, params (string Field, object Value)[] changes)
    {
        var body = new JObject
        {
            ["changes"] = new JArray(changes.Select(c => new JObject { ["field"] = c.Field, ["new_value"] = new JObject { ["object"] = JToken.FromObject(c.Value) } })),
            ["version"] = Incident(id).Vers,
        };
        var (status, response) = await _rest.PatchAsync($"{Org}/incidents/{id}", body);
        status.Should().Be(HttpStatusCode.OK, response?.ToString());
        response!["success"]!.Value<bool>().Should().BeTrue(response.ToString());
    }

    private SoarIncidentView Incident(long id) => _emulator.State.Org(201).GetIncident(id)!;

    private List<JObject> ArchiveCallsFor(string findingId) =>
        _functions.ArchiveCalls.Where(c => c.Value<string>("aws_gd_finding_id") == findingId).ToList();

    private List<SoarIncidentChangedEventArgs> ChangesOf(long id)
    {
        lock (_changes)
        {
            return _changes.Where(c => c.Incident.Id == id).ToList();
        }
    }
}
