using System.Threading.Channels;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// Plays SOAR's automatic playbooks of this app against the SOAR emulator: it watches
/// <see cref="SoarEmulatorState.IncidentChanged"/>, and when an incident of the platform's org closes unarchived, or
/// its refresh trigger turns true (<see cref="GuardDutyPlaybookRules"/>), it calls the archive or refresh function
/// through <see cref="SoarPlatform"/> (a real STOMP round trip to the app) and applies what the playbook's script does
/// (<see cref="ArchiveFindingScript"/>, <see cref="UpdateFindingDetailsScript"/>) through <see cref="SoarScriptEffects"/>.
/// <see cref="RunMarkFalsePositiveAsync"/> plays the manual false-positive playbook as an analyst starts it.
/// The change hook only queues work; one worker runs the playbooks in order, logs failures, and keeps counts and a
/// history that tests and the try-it summary read. <see cref="WaitForIdleAsync"/> waits for the queue to drain.
/// </summary>
public sealed class SoarPlaybookRunner : IAsyncDisposable
{
    private readonly SoarEmulatorState _state;
    private readonly SoarPlatform _platform;
    private readonly SoarScriptEffects _effects;
    private readonly SoarPlaybookRunnerOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PlaybookWork> _work = Channel.CreateUnbounded<PlaybookWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly LinkedList<SoarPlaybookRun> _history = [];
    private TaskCompletionSource _idle = Completed();
    private Task _worker = Task.CompletedTask;
    private int _outstanding;
    private int _archiveCalls;
    private int _refreshCalls;
    private int _failures;
    private int _started;

    public SoarPlaybookRunner(SoarEmulator emulator, SoarPlatform platform, ILogger<SoarPlaybookRunner>? logger = null, SoarPlaybookRunnerOptions? options = null)
        : this((emulator ?? throw new ArgumentNullException(nameof(emulator))).State, platform, logger, options)
    {
    }

    public SoarPlaybookRunner(SoarEmulatorState state, SoarPlatform platform, ILogger<SoarPlaybookRunner>? logger = null, SoarPlaybookRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(platform);
        _options = options ?? new SoarPlaybookRunnerOptions();
        _options.Validate();
        _state = state;
        _platform = platform;
        _effects = new SoarScriptEffects(state);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ = state.Org(platform.OrgId); // the platform's org must exist in the emulator
    }

    /// <summary>Raised on the worker after every run (keep it quick).</summary>
    public event Action<SoarPlaybookRun>? RunCompleted;

    /// <summary>Archive function calls made (answered or not).</summary>
    public int ArchiveCalls => Volatile.Read(ref _archiveCalls);

    /// <summary>Refresh function calls made (answered or not).</summary>
    public int RefreshCalls => Volatile.Read(ref _refreshCalls);

    /// <summary>Runs that ended <see cref="SoarPlaybookOutcome.FunctionFailed"/> or <see cref="SoarPlaybookOutcome.Failed"/>.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Playbooks queued or running.</summary>
    public int Pending => Volatile.Read(ref _outstanding);

    /// <summary>The most recent finished runs, oldest first.</summary>
    public IReadOnlyList<SoarPlaybookRun> Runs()
    {
        lock (_gate)
        {
            return [.. _history];
        }
    }

    /// <summary>Attaches to the emulator's change hook and starts the worker.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the playbook runner was already started");
        }

        _worker = Task.Run(() => WorkAsync(_stop.Token));
        _state.IncidentChanged += OnIncidentChanged;
        _logger.LogInformation("Automatic playbooks of org {OrgId} are live: {Archive} on close, {Update} on refresh trigger",
            _platform.OrgId, SoarGuardDutyCustomization.ArchivePlaybook, SoarGuardDutyCustomization.UpdatePlaybook);
    }

    /// <summary>Completes when nothing is queued or running (at once when idle).</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Detaches, lets queued playbooks finish within <paramref name="grace"/>, then cancels the rest.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _state.IncidentChanged -= OnIncidentChanged;
        _work.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Playbook runner: {Count} playbook(s) still pending at stop are cancelled", Pending);
            await _stop.CancelAsync().ConfigureAwait(false);
            await _worker.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private void OnIncidentChanged(object? sender, SoarIncidentChangedEventArgs change)
    {
        if (change.Incident.OrgId != _platform.OrgId)
        {
            return;
        }

        foreach (var work in GuardDutyPlaybookRules.Match(change))
        {
            if (_options.RequireInstalledPlaybooks && !_effects.IsEnabled(work.OrgId, work.Playbook))
            {
                _logger.LogDebug("Playbook {Playbook} would run for incident {IncidentId} but is not installed and enabled", work.Playbook, work.IncidentId);
                continue;
            }

            Begin();
            if (!_work.Writer.TryWrite(work))
            {
                Done();
                _logger.LogWarning("Playbook {Playbook} for incident {IncidentId} not run: the runner is stopping", work.Playbook, work.IncidentId);
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Record(await RunAsync(work, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One broken run must not stop the playbooks queued behind it.
                    _logger.LogError(e, "Playbook {Playbook} for incident {IncidentId} crashed", work.Playbook, work.IncidentId);
                    Record(Run(work, SoarPlaybookOutcome.Failed, e.Message, null));
                }
                finally
                {
                    Done();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            while (_work.Reader.TryRead(out _))
            {
                Done();
            }
        }
    }

    /// <summary>One function call as a playbook makes it: the reply, or null and why the app did not answer.</summary>
    private async Task<(FunctionReply? Reply, string NoAnswer)> CallFunctionAsync(string function, Newtonsoft.Json.Linq.JObject inputs,
        SoarPlaybookContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await _platform.CallAsync(function, inputs, context, cancellationToken).ConfigureAwait(false), "");
        }
        catch (Exception e) when (e is TimeoutException or Fn.AwsGuardDuty.Stomp.StompConnectionException or ObjectDisposedException)
        {
            return (null, $"{function} did not answer: {e.Message}");
        }
    }

    private async Task<SoarPlaybookRun> RunAsync(PlaybookWork work, CancellationToken cancellationToken)
    {
        var display = _effects.DisplayName(work.OrgId, work.Playbook) ?? work.Playbook;
        var archive = work.Function == SoarGuardDutyCustomization.ArchiveFunction;
        Interlocked.Increment(ref archive ? ref _archiveCalls : ref _refreshCalls);
        var (reply, noAnswer) = await CallFunctionAsync(work.Function, work.Inputs,
            new SoarPlaybookContext(work.Playbook, display, work.IncidentId), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            return Run(work, SoarPlaybookOutcome.Failed, noAnswer, null);
        }

        if (reply.IsError)
        {
            return Run(work, SoarPlaybookOutcome.FunctionFailed, reply.Message ?? "(no message)", reply);
        }

        var (changes, outcome, detail) = archive
            ? ArchiveFindingScript.Run(work, display, reply)
            : UpdateFindingDetailsScript.Run(work, display, reply, name => IsIncidentField(work.OrgId, name));
        try
        {
            _effects.Apply(work.OrgId, work.IncidentId, changes);
        }
        catch (SoarScriptException e)
        {
            return Run(work, SoarPlaybookOutcome.Failed, $"the script's changes were refused: {e.Message}", reply);
        }

        return Run(work, outcome, detail, reply);
    }

    /// <summary>
    /// Runs the manual playbook "Mark as false positive (PB)" on an incident of the platform's org, as an analyst who
    /// picks it from the incident's Actions menu and fills its form: the three function calls in order (a function that
    /// fails with message_type 1 stops the playbook, as SOAR does, and its script does not run), then its script. Refused
    /// (<see cref="SoarPlaybookOutcome.Failed"/>, nothing called) when the playbook is not installed and enabled or the
    /// incident does not meet its conditions.
    /// </summary>
    public async Task<SoarPlaybookRun> RunMarkFalsePositiveAsync(long incidentId, string filterName, string? comments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filterName);
        var orgId = _platform.OrgId;
        var work = new PlaybookWork(FalsePositivePlaybook.Name, FunctionNames.UpdateFindingsFeedback, orgId, incidentId, "", "", "", new Newtonsoft.Json.Linq.JObject());
        Begin();
        try
        {
            var incident = _state.Org(orgId).GetIncident(incidentId);
            var refusal = incident is null ? $"incident {incidentId} does not exist"
                : _options.RequireInstalledPlaybooks && !_effects.IsEnabled(orgId, FalsePositivePlaybook.Name) ? "the playbook is not installed and enabled"
                : FalsePositivePlaybook.Refusal(incident);
            if (refusal is not null)
            {
                return Finish(Run(work, SoarPlaybookOutcome.Failed, refusal, null));
            }

            var display = _effects.DisplayName(orgId, FalsePositivePlaybook.Name) ?? FalsePositivePlaybook.DisplayName;
            var context = new SoarPlaybookContext(FalsePositivePlaybook.Name, display, incidentId);
            var results = new Dictionary<string, FunctionReply>(StringComparer.Ordinal);
            FunctionReply? last = null;
            foreach (var step in FalsePositivePlaybook.Steps(incident!, new FalsePositivePlaybook.Form(filterName, comments)))
            {
                if (step.Function == SoarGuardDutyCustomization.ArchiveFunction)
                {
                    Interlocked.Increment(ref _archiveCalls);
                }

                var (reply, noAnswer) = await CallFunctionAsync(step.Function, step.Inputs, context, cancellationToken).ConfigureAwait(false);
                if (reply is null)
                {
                    return Finish(Run(work with { Function = step.Function }, SoarPlaybookOutcome.Failed, noAnswer, last));
                }

                last = reply;

                if (last.IsError)
                {
                    return Finish(Run(work with { Function = step.Function }, SoarPlaybookOutcome.FunctionFailed, last.Message ?? "(no message)", last));
                }

                results[step.ResultName] = last;
            }

            var (changes, outcome, detail) = FalsePositivePlaybook.PostProcess(incident!, results);
            try
            {
                _effects.Apply(orgId, incidentId, changes);
            }
            catch (SoarScriptException e)
            {
                return Finish(Run(work, SoarPlaybookOutcome.Failed, $"the script's changes were refused: {e.Message}", last));
            }

            return Finish(Run(work, outcome, detail, last));
        }
        finally
        {
            Done();
        }
    }

    private SoarPlaybookRun Finish(SoarPlaybookRun run)
    {
        Record(run);
        return run;
    }

    private bool IsIncidentField(int orgId, string name) =>
        _state.Org(orgId).ReadSchema(s => s.IncidentFields.ContainsKey(name));

    private SoarPlaybookRun Run(PlaybookWork work, SoarPlaybookOutcome outcome, string detail, FunctionReply? reply)
    {
        var run = new SoarPlaybookRun(work.Playbook, work.Function, work.OrgId, work.IncidentId, outcome, detail, reply);
        if (outcome is SoarPlaybookOutcome.Failed or SoarPlaybookOutcome.FunctionFailed)
        {
            Interlocked.Increment(ref _failures);
            _logger.LogError("Playbook {Playbook} for incident {IncidentId} failed ({Outcome}): {Detail}", work.Playbook, work.IncidentId, outcome, detail);
        }
        else
        {
            _logger.LogInformation("Playbook {Playbook} for incident {IncidentId}: {Outcome} ({Detail}) in {Latency:0.0} ms",
                work.Playbook, work.IncidentId, outcome, detail, run.Latency.TotalMilliseconds);
        }

        return run;
    }

    private void Record(SoarPlaybookRun run)
    {
        lock (_gate)
        {
            _history.AddLast(run);
            if (_history.Count > _options.HistoryCapacity)
            {
                _history.RemoveFirst();
            }
        }

        try
        {
            RunCompleted?.Invoke(run);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A RunCompleted handler failed");
        }
    }

    private void Begin()
    {
        lock (_gate)
        {
            if (_outstanding++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void Done()
    {
        lock (_gate)
        {
            if (--_outstanding == 0)
            {
                _idle.TrySetResult();
            }
        }
    }
}
