using System.CommandLine;
using System.Runtime.InteropServices;
using Fn.AwsGuardDuty.Configuration;
using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// <c>dotnet run --project Fn.AwsGuardDuty.Sandbox [-- options]</c>: the try-it sandbox's command line. Ctrl-C (or
/// SIGTERM) stops it cleanly: the app first, then the stand-ins; a second Ctrl-C kills the process.
/// </summary>
public static class TryItVerb
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        console ??= AnsiConsole.Console;
        var scenario = new Option<string>("--scenario")
        {
            Description = "demo: play a scripted story with checked expectations and exit 0 when all held. " +
                          "Without it the sandbox shows the loop once, then stays up until Ctrl-C.",
            HelpName = "demo|interactive",
        };
        scenario.AcceptOnlyFromAmong("demo", "interactive");
        var findings = new Option<int>("--findings", "-n")
        {
            Description = "Findings seeded in GuardDuty, spread over the three regions (6 to 10000).",
            DefaultValueFactory = _ => 60,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print the summary, failures and the poke guide only." };
        var pollInterval = new Option<string>("--poll-interval")
        {
            Description = "The app's aws_gd_polling_interval, e.g. 10s or 1m (bare number: seconds).",
            DefaultValueFactory = _ => "10s",
            HelpName = "DURATION",
        };
        var stepTimeout = new Option<string>("--step-timeout")
        {
            Description = "How long each step of the story may take before it fails.",
            DefaultValueFactory = _ => "60s",
            HelpName = "DURATION",
        };
        var directory = new Option<string>("--dir")
        {
            Description = "The sandbox folder (app.config, CA, logs, checkpoints).",
            DefaultValueFactory = _ => ".sandbox",
            HelpName = "PATH",
        };
        var pollOnly = new Option<bool>("--poll-only") { Description = "No SQS push queue: the poller alone escalates, as without AWS push." };
        var seed = new Option<int>("--seed") { Description = "Seed of the finding generator.", DefaultValueFactory = _ => 7 };

        var root = new RootCommand(
            "The fn-aws-guardduty try-it sandbox: local GuardDuty/EC2, STS, SOAR and STOMP stand-ins on 127.0.0.1, the " +
            "customization imported, and the real app running against them in this process.")
        {
            scenario, findings, quiet, pollInterval, stepTimeout, directory, seed, pollOnly,
        };
        var output = new StringWriter();
        root.SetAction(async (parse, token) =>
        {
            TryItOptions options;
            try
            {
                options = new TryItOptions
                {
                    Scenario = parse.GetValue(scenario) == "demo" ? TryItScenario.Demo : TryItScenario.Interactive,
                    Findings = parse.GetValue(findings),
                    Quiet = parse.GetValue(quiet),
                    PollInterval = Duration("--poll-interval", parse.GetValue(pollInterval)),
                    StepTimeout = Duration("--step-timeout", parse.GetValue(stepTimeout)),
                    WorkDirectory = Path.GetFullPath(parse.GetValue(directory) ?? ".sandbox"),
                    Seed = parse.GetValue(seed),
                    Push = !parse.GetValue(pollOnly),
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return UsageError;
            }

            return await RunWithSignalsAsync(new TryItCommand(options, console), token).ConfigureAwait(false);
        });

        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = output,
            // Ctrl-C is handled below: a clean stop can take longer than System.CommandLine's grace.
            ProcessTerminationTimeout = null,
        }, cancellationToken).ConfigureAwait(false);
        if (output.GetStringBuilder().Length > 0)
        {
            // Help and parse errors come formatted already; written as is, not re-wrapped.
            console.Profile.Out.Writer.Write(output.ToString());
            console.Profile.Out.Writer.Flush();
        }
        return code;
    }

    private static async Task<int> RunWithSignalsAsync(TryItCommand command, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext signal)
        {
            if (stop.IsCancellationRequested)
                return; // a second Ctrl-C: let the runtime end the process
            signal.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await command.RunAsync(stop.Token).ConfigureAwait(false);
    }

    private static TimeSpan Duration(string option, string? text) =>
        text is not null && DurationParser.TryParse(text, TimeSpan.FromSeconds(1), out var value)
            ? value
            : throw new ArgumentException($"{option} must be a whole number with s, m or h (e.g. 10s), got '{text}'.");
}
