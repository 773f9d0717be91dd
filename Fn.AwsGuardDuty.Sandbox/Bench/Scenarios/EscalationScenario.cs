namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 escalation and steady state. New findings spread over four regions are escalated into SOAR incidents
/// (artifacts, note and data tables) by the real poller of the app, run as a child process (<c>fn-aws-guardduty run</c>)
/// against the emulators in this process; the app's org has the actions framework off, so the process is the poller
/// alone and its memory is its own (VmHWM). The second cycle, straight after, is the steady state over the same
/// findings, all known and unchanged.
/// </summary>
/// <remarks>
/// The second cycle starts as soon as the first ends, so the emulators' counters cannot be split between the cycles
/// at the instant the first summary line arrives. The per-cycle call counts come from the app's summary lines and
/// are checked against the emulators' own counts over both cycles; region and detector discovery (DescribeRegions,
/// ListDetectors) is charged to the escalation.
/// </remarks>
public sealed class EscalationScenario : IBenchScenario
{
    private static readonly string[] PagingOperations = ["ListFindings", "GetFindings"];

    /// <summary>The app's line when its poller starts (after start-up, before the first cycle).</summary>
    private const string PollerStartedMarker = "GuardDuty findings poller started";

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
        var gdBefore = sandbox.GuardDuty.State.Calls.ByOperation();
        var soarBefore = sandbox.Soar.Calls.Snapshot();

        // Cycles run start to start: with a 1 s interval the steady-state cycle follows the escalation at once.
        var config = sandbox.WriteConfig("escalation", pollingInterval: TimeSpan.FromSeconds(1), numWorkers: null, regions);
        await using var app = context.StartApp(config, sandbox.Home, PollerStartedMarker, PollCycleLine.Marker);
        var rss = RssSampler.Start(app.Id);
        var startupCpu = CpuMeter.Start(app.Id);
        // CPU per finding counts from the poller's start line: the process start-up (runtime, host, SOAR login) is
        // excluded; the first cycle's JIT warm-up is part of the work.
        await app.WaitForAsync(PollerStartedMarker, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var startupCpuMs = startupCpu.Stop(1)["app_cpu_ms_per_op"];
        var cpu = CpuMeter.Start(app.Id);
        var escalationTimeout = TimeSpan.FromSeconds(Math.Max(120, findings / 20.0));
        var first = PollCycleLine.Parse((await app.WaitForAsync(PollCycleLine.Marker, escalationTimeout, cancellationToken).ConfigureAwait(false)).Text);
        var memory = app.Memory();
        var cpuPerFinding = cpu.Stop(findings);
        await rss.DisposeAsync().ConfigureAwait(false);
        context.Progress($"escalation cycle: {first.Created:N0} created in {first.Duration.TotalSeconds:0.0} s");

        var steady = PollCycleLine.Parse((await app.WaitForAsync(PollCycleLine.Marker, TimeSpan.FromSeconds(60), cancellationToken, occurrence: 2)
            .ConfigureAwait(false)).Text);
        // Read before the third cycle starts (1 s after the second started; a steady cycle takes a fraction of that).
        var gdAfter = Delta(gdBefore, sandbox.GuardDuty.State.Calls.ByOperation());
        var soarAfter = Delta(soarBefore, sandbox.Soar.Calls.Snapshot());
        await app.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

        var incidents = sandbox.Soar.State.Org(BenchSandbox.OrgId).GetIncidents();
        var rows = incidents.Sum(i => i.Tables.Values.Sum(t => (long)t.Count));
        var batchQueries = perDetector.Values.Sum(n => (n + 49) / 50);
        // The fewest calls SOAR's API allows: one create per incident (artifacts and note inline), one POST per
        // data-table row, and one query per batch of 50 findings to find the incidents that already exist.
        var minimum = incidents.Count + rows + batchQueries;

        var emulatorPaging = gdAfter.Where(kv => PagingOperations.Contains(kv.Key)).Sum(kv => kv.Value);
        var discovery = gdAfter.Where(kv => !PagingOperations.Contains(kv.Key)).Sum(kv => kv.Value);
        var emulatorSoar = soarAfter.Where(kv => kv.Key.Contains("/incidents", StringComparison.Ordinal)).Sum(kv => kv.Value);
        var countsAgree = emulatorPaging == first.GuardDutyCalls + steady.GuardDutyCalls && emulatorSoar == first.SoarCalls + steady.SoarCalls;
        var crossCheck = countsAgree ? null : "app and emulator counts differ; see details";
        var escalationGuardDuty = first.GuardDutyCalls + discovery;

        recorder.Detail("findings", findings);
        recorder.Detail("regions", regions.Count);
        recorder.Detail("incidents", incidents.Count);
        recorder.Detail("incidents_with_artifacts", incidents.Count(i => i.Artifacts.Count > 0));
        recorder.Detail("incidents_with_note", incidents.Count(i => i.Comments.Count > 0));
        recorder.Detail("table_rows", rows);
        recorder.Detail("escalation_cycle", first);
        recorder.Detail("steady_cycle", steady);
        recorder.Detail("emulator_guardduty_calls_both_cycles", gdAfter);
        recorder.Detail("emulator_soar_calls_both_cycles", soarAfter);
        recorder.Detail("app_and_emulator_counts_agree", countsAgree);
        recorder.Detail("soar_minimum_calls", minimum);
        recorder.Detail("escalation_cpu_per_finding", cpuPerFinding);
        recorder.Detail("escalation_cpu_note", "app CPU from the poller's start line to the first cycle's summary (start-up excluded); the bench process holds both emulators");
        recorder.Detail("app_startup_cpu_ms", startupCpuMs);
        recorder.Detail("escalation_rss_timeline", rss.Timeline());
        recorder.Detail("app_process", "child process fn-aws-guardduty run, poller only (actions framework off for the org); emulators in the bench process");

        if (incidents.Count != findings || first.Errors > 0)
        {
            throw new InvalidOperationException(
                $"escalation incomplete: {incidents.Count:N0} incidents for {findings:N0} findings, {first.Errors} error(s) in the cycle");
        }

        var cores = Environment.ProcessorCount;
        recorder.Figure("escalation: findings/s", first.Created / first.Duration.TotalSeconds, "findings/s", BenchTarget.AtLeast(300),
            cores == 2 ? null : $"target is for 2 cores; this machine has {cores}");
        recorder.Figure("escalation: GuardDuty calls per finding", (double)escalationGuardDuty / findings, "", BenchTarget.AtMost(0.05),
            crossCheck ?? $"{first.GuardDutyCalls} ListFindings/GetFindings + {discovery} discovery");
        recorder.Figure("escalation: SOAR calls per incident", (double)first.SoarCalls / incidents.Count, "");
        recorder.Figure("escalation: SOAR calls / API minimum", (double)first.SoarCalls / minimum, "x", BenchTarget.AtMost(1.10),
            crossCheck ?? $"minimum {minimum:N0} = {incidents.Count:N0} creates + {rows:N0} rows + {batchQueries} batch queries");
        if (memory is not null)
        {
            recorder.Figure("escalation: peak RSS of the app", memory.PeakRssMegabytes, "MB", BenchTarget.Below(200), "VmHWM of the app process");
        }

        recorder.Figure("escalation: app CPU per finding", cpuPerFinding["app_cpu_ms_per_op"], "ms", BenchTarget.AtMost(1),
            "app process CPU over the first cycle, start-up excluded");
        recorder.Figure("steady state: cycle time", steady.Duration.TotalMilliseconds, "ms", BenchTarget.Below(1000));
        // Bounded independently of the number of findings: per detector one ListFindings page and one GetFindings for
        // the findings in the overlap window, and at most 1,000 open incidents checked for archiving (20 GetFindings
        // of 50). SOAR needs no call at all when nothing changed.
        var gdBound = regions.Count * (2 + 1_000 / 50);
        recorder.Figure("steady state: GuardDuty calls", steady.GuardDutyCalls, "", BenchTarget.AtMost(gdBound), crossCheck);
        recorder.Figure("steady state: SOAR calls", steady.SoarCalls, "", BenchTarget.AtMost(regions.Count), crossCheck);
    }

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Value != 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
