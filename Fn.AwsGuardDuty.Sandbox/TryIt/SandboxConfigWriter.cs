using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Newtonsoft.Json;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Writes the sandbox's files: <c>app.config</c> with the real keys pointed at the stand-ins, the
/// <c>NLog.config</c> (log file only: the console belongs to the try-it display), a curl config holding the analyst's
/// API key, and an example finding for the GuardDuty admin route. Files holding secrets are readable by the owner only.
/// </summary>
public static class SandboxConfigWriter
{
    public static void WriteAll(SandboxLayout layout, World servers, SandboxPushQueue? push, SandboxSecrets secrets, TryItOptions options, Uri metrics)
    {
        WriteSecretFile(layout.AppConfig, AppConfig(layout, servers, push, options, metrics));
        WriteSecretFile(layout.SoarCurlConfig, $"""
            # curl -K {SandboxLayout.Display(layout.SoarCurlConfig)} https://127.0.0.1:{servers.Soar.Port}/rest/orgs/{SandboxServers.OrgId}/incidents/ID
            # the sandbox SOAR's analyst API key and CA, written by the try-it command
            user = "{secrets.AnalystKeyId}:{secrets.AnalystKeySecret}"
            cacert = "{layout.CaFile}"
            header = "Content-Type: application/json"

            """);
        File.WriteAllText(layout.ExampleFinding, ExampleFinding(options.Seed));
    }

    /// <summary>The NLog.config of the in-process app and of the sandbox's own parts: the log file only.</summary>
    public static void WriteNLogConfig(SandboxLayout layout) => File.WriteAllText(layout.NLogConfig, NLogConfig);

    public static string AppConfig(SandboxLayout layout, World servers, SandboxPushQueue? push, TryItOptions options, Uri metrics)
    {
        var config = servers.Config();
        config.Header = """
            # fn-aws-guardduty app.config of the try-it sandbox (dotnet run --project Fn.AwsGuardDuty.Sandbox).
            # Every endpoint below is a local stand-in on 127.0.0.1; the keys are made fresh for each run.
            """;
        WorldConfig.AddLines(config.Resilient, $"""
            stomp_timeout = 10
            num_workers = 10
            logdir = {layout.LogDirectory}
            logfile = app.log
            loglevel = INFO
            request_max_retries = 3
            request_retry_delay = 1
            """);
        WorldConfig.AddLines(config.GuardDuty, $"""
            aws_gd_polling_interval = {DurationParser.Format(options.PollInterval)}
            aws_gd_lookback_interval = 24h
            aws_gd_update_mode = trigger
            aws_gd_closed_incident_action = leave
            aws_gd_state_dir = {layout.StateDirectory}
            aws_gd_max_retries = 3
            aws_gd_metrics_listen = {metrics.Host}:{metrics.Port}
            """);
        if (push is not null)
        {
            // Push: finding events arrive through SQS (fed as deploy/aws/'s EventBridge rule feeds it); the poller is the
            // backstop every aws_gd_reconcile_interval.
            WorldConfig.AddLines(config.GuardDuty, $"""
                aws_gd_sqs_queue_url = {push.Feed.Queue.Url}
                aws_gd_sqs_endpoint_url = {push.Sqs.Endpoint}
                aws_gd_sqs_wait_time = 20s
                aws_gd_reconcile_interval = {DurationParser.Format(options.PollInterval)}
                """);
        }

        return config.Render();
    }

    // The app's own layout and levels, without the console target.
    private const string NLogConfig = """
        <?xml version="1.0" encoding="utf-8" ?>
        <nlog xmlns="http://www.nlog-project.org/schemas/NLog.xsd"
              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
              throwConfigExceptions="true">
          <variable name="logdir" value="" />
          <variable name="logfile" value="app.log" />
          <variable name="loglevel" value="Info" />
          <targets>
            <target xsi:type="File" name="file" fileName="${var:logdir}/${var:logfile}"
                    layout="${date:format=yyyy-MM-dd HH\:mm\:ss,fff} ${level:uppercase=true:padding=-5} [${logger:shortName=true}] ${message}${onexception:${newline}${exception:format=tostring}}"
                    archiveAboveSize="10000000" maxArchiveFiles="3" />
          </targets>
          <rules>
            <logger name="Microsoft.*" finalMinLevel="Warn" />
            <logger name="System.Net.Http.*" finalMinLevel="Warn" />
            <logger name="*" minlevel="${var:loglevel}" writeTo="file" />
          </rules>
        </nlog>

        """;

    /// <summary>A fresh, realistic finding of the sandbox account in the first region, for POST /_emulator/findings.</summary>
    private static string ExampleFinding(int seed)
    {
        var generator = new GuardDutyFindingGenerator(seed + 1000, new FindingGeneratorOptions
        {
            AccountId = SandboxSecrets.AwsAccountId,
            Region = SandboxServers.Regions[0],
            Types = ["Recon:EC2/PortProbeUnprotectedPort"],
            StartTime = DateTimeOffset.UtcNow.AddMinutes(-5),
        });
        var finding = generator.Next();
        // The detector is the sandbox's, filled in by the emulator; the timestamps are "now" when it is posted.
        finding.Remove("arn");
        finding.Remove("createdAt");
        finding.Remove("updatedAt");
        ((Newtonsoft.Json.Linq.JObject)finding["service"]!).Remove("detectorId");
        finding["id"] = "example-" + finding.Value<string>("id")![..16];
        return finding.ToString(Formatting.Indented) + "\n";
    }

    private static void WriteSecretFile(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
