namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 escalation and steady state. New findings spread over four regions are escalated into SOAR incidents
/// (artifacts, note and data tables) by the real poller of the app, run as a child process (<c>fn-aws-guardduty run</c>)
/// against the emulators in this process; the app's org has the actions framework off, so the process is the poller
/// alone and its memory is its own (VmHWM). The second cycle, straight after, is the steady state over the same
/// findings, all known and unchanged.
/// </summary>
public sealed class EscalationScenario : IBenchScenario
{
    public string Name => "escalation";

    public string Description => "escalation of new findings over 4 regions, then a steady-state cycle";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var scale = context.Scale;
        var regions = scale.Regions;
        await using var sandbox = await BenchSandbox.StartAsync(context.WorkDir, regions, broker: null, cancellationToken).ConfigureAwait(false);
        var perDetector = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < regions.Count; i++)
        {
            var count = scale.Findings / regions.Count + (i < scale.Findings % regions.Count ? 1 : 0);
            perDetector[regions[i]] = sandbox.Seed(regions[i], count, seed: 9_000 + i).Count;
        }

        var findings = perDetector.Values.Sum();
        context.Progress($"{findings:N0} findings seeded in {regions.Count} regions; starting the app with polling on");
        var gdBefore = sandbox.GuardDuty.State.Calls.TotalFor("guardduty");
        var soarBefore = sandbox.Soar.Calls.Snapshot();

        // Cycles run start to start: with a 1 s interval the steady-state cycle follows the escalation at once.
        var config = sandbox.WriteConfig("escalation", pollingInterval: TimeSpan.FromSeconds(1), numWorkers: null, regions);
        await using var app = AppProcess.Start(context.AppExecutable, config, sandbox.Home, PollCycleLine.Marker);
        var escalationTimeout = TimeSpan.FromSeconds(Math.Max(120, findings / 20.0));
        var firstLine = await app.WaitForAsync(PollCycleLine.Marker, escalationTimeout, cancellationToken).ConfigureAwait(false);
        var memory = app.Memory();
        var gdAfterFirst = sandbox.GuardDuty.State.Calls.TotalFor("guardduty");
        var soarAfterFirst = sandbox.Soar.Calls.Snapshot();
        var first = PollCycleLine.Parse(firstLine.Text);
        context.Progress($"escalation cycle: {first.Created:N0} created in {first.Duration.TotalSeconds:0.0} s");

        var secondLine = await app.WaitForAsync(PollCycleLine.Marker, TimeSpan.FromSeconds(60), cancellationToken, occurrence: 2).ConfigureAwait(false);
        var gdAfterSecond = sandbox.GuardDuty.State.Calls.TotalFor("guardduty");
        var soarAfterSecond = sandbox.Soar.Calls.Snapshot();
        var steady = PollCycleLine.Parse(secondLine.Text);
        await app.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

        var incidents = sandbox.Soar.State.Org(BenchSandbox.OrgId).GetIncidents();
        var rows = incidents.Sum(i => i.Tables.Values.Sum(t => (long)t.Count));
        var withArtifacts = incidents.Count(i => i.Artifacts.Count > 0);
        var withNote = incidents.Count(i => i.Comments.Count > 0);
        var batchQueries = perDetector.Values.Sum(n => (n + 49) / 50);
        // The fewest calls SOAR's API allows: one create per incident (artifacts and note inline), one POST per
        // data-table row, and one query per batch of 50 findings to find the incidents that already exist.
        var minimum = incidents.Count + rows + batchQueries;
        var incidentCalls = IncidentCalls(soarAfterFirst) - IncidentCalls(soarBefore);

        recorder.Detail("findings", findings);
        recorder.Detail("regions", regions.Count);
        recorder.Detail("incidents", incidents.Count);
        recorder.Detail("incidents_with_artifacts", withArtifacts);
        recorder.Detail("incidents_with_note", withNote);
        recorder.Detail("table_rows", rows);
        recorder.Detail("escalation_cycle", first);
        recorder.Detail("escalation_guardduty_calls_emulator", gdAfterFirst - gdBefore);
        recorder.Detail("escalation_guardduty_calls_by_operation", sandbox.GuardDuty.State.Calls.ByOperation());
        recorder.Detail("escalation_soar_calls_emulator", Delta(soarBefore, soarAfterFirst));
        recorder.Detail("soar_minimum_calls", minimum);
        recorder.Detail("steady_cycle", steady);
        recorder.Detail("steady_guardduty_calls_emulator", gdAfterSecond - gdAfterFirst);
        recorder.Detail("steady_soar_calls_emulator", Delta(soarAfterFirst, soarAfterSecond));
        recorder.Detail("app_process", "child process fn-aws-guardduty run, poller only (actions framework off for the org); emulators in the bench process");

        if (incidents.Count != findings || first.Errors > 0)
        {
            throw new InvalidOperationException(
                $"escalation incomplete: {incidents.Count:N0} incidents for {findings:N0} findings, {first.Errors} error(s) in the cycle");
        }

        var cores = Environment.ProcessorCount;
        recorder.Figure("escalation: findings/s", first.Created / first.Duration.TotalSeconds, "findings/s", BenchTarget.AtLeast(300),
            cores == 2 ? null : $"target is for 2 cores; this machine has {cores}");
        recorder.Figure("escalation: GuardDuty calls per finding", (double)(gdAfterFirst - gdBefore) / findings, "", BenchTarget.AtMost(0.05));
        recorder.Figure("escalation: SOAR calls per incident", (double)incidentCalls / incidents.Count, "");
        recorder.Figure("escalation: SOAR calls / API minimum", (double)incidentCalls / minimum, "x", BenchTarget.AtMost(1.10),
            $"minimum {minimum:N0} = {incidents.Count:N0} creates + {rows:N0} rows + {batchQueries} batch queries");
        if (memory is not null)
        {
            recorder.Figure("escalation: peak RSS of the app", memory.PeakRssMegabytes, "MB", BenchTarget.Below(200));
        }

        recorder.Figure("steady state: cycle time", steady.Duration.TotalMilliseconds, "ms", BenchTarget.Below(1000));
        // Bounded independently of the number of findings: per detector one ListFindings page from the checkpoint
        // and at most 1,000 open incidents checked for archiving (20 GetFindings of 50); SOAR sees no call per finding.
        var gdBound = regions.Count * (1 + 1_000 / 50);
        recorder.Figure("steady state: GuardDuty calls", steady.GuardDutyCalls, "", BenchTarget.AtMost(gdBound));
        recorder.Figure("steady state: SOAR calls", steady.SoarCalls, "", BenchTarget.AtMost(regions.Count));
    }

    private static long IncidentCalls(IReadOnlyDictionary<string, long> snapshot) =>
        snapshot.Where(kv => kv.Key.Contains("/incidents", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Value != 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

}
