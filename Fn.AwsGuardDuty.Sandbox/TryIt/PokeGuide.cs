namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// What the sandbox prints once it is ready: where everything is, and commands to poke at it, as plain lines so a
/// command is never wrapped in the middle. No secret in it: the SOAR key is read by curl from a file.
/// </summary>
public static class PokeGuide
{
    public static IReadOnlyList<(string What, string Value)> Running(TryItSession session)
    {
        var s = session.Servers;
        var layout = session.Layout;
        return
        [
            ("GuardDuty + EC2 emulator", $"{s.GuardDuty.Endpoint} (regions {string.Join(", ", SandboxServers.Regions)}; account {SandboxSecrets.AwsAccountId})"),
            ("SOAR REST emulator", $"{s.Soar.BaseUri} (org {SandboxServers.OrgId} '{SandboxServers.OrgName}')"),
            ("STOMP broker (TLS)", $"{s.Broker.Endpoint} (queue actions.{SandboxServers.OrgId}.fn_aws_gd)"),
            ("STS (for selftest)", s.Sts.Endpoint.ToString()),
            ("app.config", SandboxLayout.Display(layout.AppConfig)),
            ("CA of SOAR and STOMP", SandboxLayout.Display(layout.CaFile)),
            ("App log", SandboxLayout.Display(layout.LogFile)),
            ("Sandbox log", SandboxLayout.Display(Path.Combine(layout.LogDirectory, "sandbox.log"))),
            ("Checkpoints", SandboxLayout.Display(layout.StateDirectory)),
        ];
    }

    public static IReadOnlyList<(string What, string Command)> Commands(TryItSession session)
    {
        var s = session.Servers;
        var layout = session.Layout;
        var config = SandboxLayout.Display(layout.AppConfig);
        var gd = s.GuardDuty.Endpoint.ToString().TrimEnd('/');
        var incident = s.Soar.State.Org(SandboxServers.OrgId).GetIncidents().FirstOrDefault()?.Id ?? 2095;
        return
        [
            ("GuardDuty state: detectors, finding counts, calls made", $"curl -s {gd}/_emulator/state"),
            ("Add a finding (its incident appears after the next poll)",
                $"curl -s -X POST {gd}/_emulator/findings -H 'content-type: application/json' -d @{SandboxLayout.Display(layout.ExampleFinding)}"),
            ("Throttle every 3rd GuardDuty call (then {\"clear\":true})", $"curl -s -X POST {gd}/_emulator/faults -d '{{\"throttleEveryNth\":3}}'"),
            ("Read an incident in SOAR (analyst key in the curl config)",
                $"curl -s -K {SandboxLayout.Display(layout.SoarCurlConfig)} https://127.0.0.1:{s.Soar.Port}/rest/orgs/{SandboxServers.OrgId}/incidents/{incident}"),
            ("The app's metrics, readiness and liveness (aws_gd_metrics_listen)",
                $"curl -s {session.MetricsEndpoint}metrics; curl -s {session.MetricsEndpoint}readyz; curl -s {session.MetricsEndpoint}healthz"),
            ("Check the configuration end to end", $"dotnet run --project Fn.AwsGuardDuty -- selftest -c {config}"),
            ("Follow the app's log", $"tail -f {SandboxLayout.Display(layout.LogFile)}"),
        ];
    }

    public static void Write(TryItSession session, TryItConsole ui)
    {
        ui.Heading("Running", always: true);
        var running = Running(session);
        var width = running.Max(r => r.What.Length);
        foreach (var (what, value) in running)
            ui.Raw($"  {what.PadRight(width)}  {value}");
        ui.Heading("Poke at it", always: true);
        foreach (var (what, command) in Commands(session))
        {
            ui.Raw($"  # {what}");
            ui.Raw($"  {command}");
        }
    }
}
