using System.Globalization;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Logging;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// One try-it sandbox from start to stop: the stand-ins, the sandbox files, the customization import, the seeded
/// findings, the real app in-process, and the SOAR platform side (function messages and automatic playbooks).
/// <see cref="StartAsync"/> shows each step on the <see cref="TryItConsole"/>; <see cref="DisposeAsync"/> stops the
/// app first, then the platform, then the stand-ins.
/// </summary>
public sealed partial class TryItSession : IAsyncDisposable
{
    private readonly TryItConsole _ui;
    private NLog.LogFactory? _logFactory;
    private ILoggerFactory? _loggerFactory;
    private int _disposed;

    public TryItSession(TryItOptions options, TryItConsole ui)
    {
        options.Validate();
        Options = options;
        _ui = ui;
        Layout = new SandboxLayout(options.WorkDirectory);
    }

    public TryItOptions Options { get; }

    public SandboxLayout Layout { get; }

    public SandboxSecrets Secrets { get; } = new();

    public World Servers { get; private set; } = null!;

    /// <summary>The push queue and the EventBridge rule feeding it; null with <c>--poll-only</c>.</summary>
    public SandboxPushQueue? Push { get; private set; }

    public InProcessApp App { get; private set; } = null!;

    public SoarPlatform Platform { get; private set; } = null!;

    public SoarPlaybookRunner Runner { get; private set; } = null!;

    public SoarActivity Activity { get; private set; } = null!;

    public SoarAnalyst Analyst { get; private set; } = null!;

    public IReadOnlyList<SeededFinding> Seeded { get; private set; } = [];

    /// <summary>The app's operator endpoint (<c>aws_gd_metrics_listen</c>): /metrics, /healthz, /readyz.</summary>
    public Uri MetricsEndpoint { get; private set; } = null!;

    /// <summary>Incidents closed through <see cref="Analyst"/>.</summary>
    public int AnalystCloses { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Layout.Prepare();
        SandboxConfigWriter.WriteNLogConfig(Layout);
        // The sandbox's own parts (emulators, platform, playbook runner) log to logs/sandbox.log, beside the app's log.
        _logFactory = NLogSetup.Create(new LogSettings(Layout.LogDirectory, "sandbox.log", "INFO", 10_000_000, 3),
            new SecretRedactor(Secrets.All), Layout.NLogConfig);
        _loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddNLog(new NLogProviderOptions { ShutdownOnDispose = false, RemoveLoggerFactoryFilter = true }, _ => _logFactory);
        });

        Servers = await _ui.StepAsync("Start the GuardDuty/EC2, STS, SOAR and STOMP stand-ins",
            () => SandboxServers.StartAsync(Secrets, Layout, _loggerFactory, cancellationToken),
            s => $"GuardDuty {s.GuardDuty.Endpoint}, SOAR {s.Soar.BaseUri}, STOMP {s.Broker.Endpoint}").ConfigureAwait(false);
        Activity = new SoarActivity(Servers.Soar.State, SandboxServers.OrgId);
        if (Options.Push)
        {
            Push = await _ui.StepAsync("Start the SQS stand-in with the push queue the EventBridge rule feeds",
                () => SandboxPushQueue.StartAsync(Servers, _loggerFactory, cancellationToken),
                p => $"SQS {p.Sqs.Endpoint}, queue {p.Feed.Queue.Url}").ConfigureAwait(false);
        }

        await _ui.StepAsync($"Write {SandboxLayout.Display(Layout.AppConfig)}", () =>
        {
            MetricsEndpoint = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
            SandboxConfigWriter.WriteAll(Layout, Servers, Push, Secrets, Options, MetricsEndpoint);
            return Task.FromResult($"CA {SandboxLayout.Display(Layout.CaFile)}, log {SandboxLayout.Display(Layout.LogFile)}, " +
                $"polling every {Options.PollInterval.TotalSeconds:0} s");
        }).ConfigureAwait(false);

        App = new InProcessApp(Layout);
        var customize = await _ui.StepAsync($"Import the customization: fn-aws-guardduty customize -y -c {SandboxLayout.Display(Layout.AppConfig)}", async () =>
        {
            var outcome = await App.CustomizeAsync(cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
                throw new TryItException($"customize exited {outcome.ExitCode}: {string.Join(" ", outcome.ErrorLines.Concat(outcome.OutputLines).TakeLast(3))}");
            return outcome;
        }, outcome => outcome.OutputLines.LastOrDefault() ?? "done").ConfigureAwait(false);
        // The verb's own lines, without its long lists of object names.
        foreach (var line in customize.OutputLines.Where(l => !ObjectList().IsMatch(l)))
            _ui.Line($"    [grey]{Spectre.Console.Markup.Escape(line)}[/]");

        Seeded = await _ui.StepAsync($"Seed {Options.Findings} findings in GuardDuty", () =>
            Task.FromResult(FindingSeeder.Seed(Servers.GuardDuty.State, Servers.Detectors, Options.Findings, Options.Seed, DateTimeOffset.UtcNow)),
            DescribeSeeded).ConfigureAwait(false);

        await _ui.StepAsync($"Start fn-aws-guardduty: run -c {SandboxLayout.Display(Layout.AppConfig)}", async () =>
        {
            await App.StartAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return $"subscribed to actions.{SandboxServers.OrgId}.fn_aws_gd in {App.StartupTime.TotalMilliseconds:0} ms; the poller runs every {Options.PollInterval.TotalSeconds:0} s";
        }).ConfigureAwait(false);

        await _ui.StepAsync("Start the SOAR platform: function messages and the automatic playbooks", async () =>
        {
            Platform = await SoarPlatform.StartAsync(Servers.Broker.ClientOptions(Secrets.PlatformLogin, Secrets.PlatformPasscode, Layout.CaFile),
                SandboxServers.OrgId, "fn_aws_gd", _loggerFactory, cancellationToken).ConfigureAwait(false);
            Platform.CallTimeout = TimeSpan.FromSeconds(30);
            Runner = new SoarPlaybookRunner(Servers.Soar, Platform, _loggerFactory.CreateLogger<SoarPlaybookRunner>());
            Activity.Watch(Runner);
            Runner.Start();
            Analyst = new SoarAnalyst(Servers.Soar.BaseUri, SandboxServers.OrgId, Secrets.AnalystKeyId, Secrets.AnalystKeySecret,
                Servers.Soar.CertificateAuthority!.Certificate);
            return "closing an unarchived incident archives its finding; a refresh trigger refreshes the incident";
        }).ConfigureAwait(false);
    }

    /// <summary>Incidents of a finding, closed ones included.</summary>
    public IReadOnlyList<Soar.State.SoarIncidentView> IncidentsOf(SeededFinding finding) =>
        Servers.Soar.State.Org(SandboxServers.OrgId).FindByProperty("aws_guardduty_finding_id", finding.Id);

    /// <summary>Seeded findings that have exactly one incident.</summary>
    public int FindingsWithOneIncident() => Seeded.Count(f => IncidentsOf(f).Count == 1);

    public bool IsArchivedInGuardDuty(SeededFinding finding) =>
        Servers.GuardDuty.State.GetFinding(finding.Detector, finding.Id) is { } stored && IsArchived(stored);

    public TryItSummary Summary() => new()
    {
        FindingsSeeded = Seeded.Count,
        Regions = Servers.Detectors.Count,
        IncidentsCreated = Activity.Created,
        IncidentsRefreshed = Activity.Refreshed,
        IncidentsClosed = Activity.Closed,
        ClosedByAnalyst = AnalystCloses,
        IncidentsReopened = Activity.Reopened,
        FindingsArchived = Servers.Detectors.Values.Sum(d => Servers.GuardDuty.State.Findings(d).Count(IsArchived)),
        PlaybookFailures = Activity.PlaybookFailures,
        Functions = Platform.Latencies.ByFunction()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new FunctionLatency(kv.Key, kv.Value.Count, kv.Value.P50, kv.Value.P99))
            .ToList(),
        PollCycles = App.PollCycles,
        GuardDutyCalls = Servers.GuardDuty.State.Calls.Total,
        GuardDutyCallsByOperation = Servers.GuardDuty.State.Calls.ByOperation(),
        SoarCalls = Servers.Soar.Calls.Total,
        AppStartup = App.StartupTime,
    };

    /// <summary>Stops the app (gracefully, as SIGTERM), then the platform side, then the stand-ins. Returns the app's exit code, if it ran.</summary>
    public async Task<CommandOutcome?> StopAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return null;
        CommandOutcome? app = null;
        if (App is not null)
        {
            app = await App.StopAsync(TimeSpan.FromSeconds(45)).ConfigureAwait(false);
            await App.DisposeAsync().ConfigureAwait(false);
        }

        if (Runner is not null)
            await Runner.DisposeAsync().ConfigureAwait(false);
        if (Platform is not null)
            await Platform.DisposeAsync().ConfigureAwait(false);
        Analyst?.Dispose();
        Activity?.Dispose();
        if (Push is not null)
            await Push.DisposeAsync().ConfigureAwait(false);
        if (Servers is not null)
            await Servers.DisposeAsync().ConfigureAwait(false);
        _loggerFactory?.Dispose();
        _logFactory?.Flush(TimeSpan.FromSeconds(2));
        _logFactory?.Dispose();
        return app;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static bool IsArchived(JObject finding) =>
        finding.SelectToken("service.archived") is { Type: JTokenType.Boolean } archived && (bool)archived;

    [GeneratedRegex(@"^((added|changed): )?\d+ [a-z_ ]+(\(s\))?: ")]
    private static partial Regex ObjectList();

    private static string DescribeSeeded(IReadOnlyList<SeededFinding> seeded)
    {
        var regions = string.Join(", ", seeded.GroupBy(f => f.Region).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var bands = seeded.GroupBy(f => f.Severity switch { >= 9 => "Critical", >= 7 => "High", >= 4 => "Medium", _ => "Low" })
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return string.Create(CultureInfo.InvariantCulture, $"{regions}; {seeded.Select(f => f.Type).Distinct().Count()} finding types; {string.Join(", ", bands)}");
    }
}
