using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>What the sandbox prints once it is ready: where everything is, and commands to poke at it. No secret in it.</summary>
public static class PokeGuide
{
    public static IRenderable Render(TryItSession session)
    {
        var s = session.Servers;
        var layout = session.Layout;
        var config = SandboxLayout.Display(layout.AppConfig);
        var where = new Table().Title("[bold]Running[/]").AddColumn("").AddColumn("").HideHeaders();
        where.AddRow("GuardDuty + EC2 emulator", Markup.Escape($"{s.GuardDuty.Endpoint} (regions {string.Join(", ", SandboxServers.Regions)}, account {SandboxSecrets.AwsAccountId})"));
        where.AddRow("SOAR REST emulator", Markup.Escape($"{s.Soar.BaseUri} (org {SandboxServers.OrgId} '{SandboxServers.OrgName}')"));
        where.AddRow("STOMP broker", Markup.Escape($"{s.Broker.Endpoint} (queue actions.{SandboxServers.OrgId}.fn_aws_gd)"));
        where.AddRow("STS (selftest)", Markup.Escape(s.Sts.Endpoint.ToString()));
        where.AddRow("app.config", Markup.Escape(config));
        where.AddRow("App log", Markup.Escape(SandboxLayout.Display(layout.LogFile)));
        where.AddRow("Sandbox log", Markup.Escape(SandboxLayout.Display(Path.Combine(layout.LogDirectory, "sandbox.log"))));
        where.AddRow("Checkpoints", Markup.Escape(SandboxLayout.Display(layout.StateDirectory)));

        var gd = s.GuardDuty.Endpoint.ToString().TrimEnd('/');
        var anIncident = session.Servers.Soar.State.Org(SandboxServers.OrgId).GetIncidents().FirstOrDefault()?.Id ?? 2095;
        var commands = new[]
        {
            ("GuardDuty state (detectors, findings, calls)", $"curl -s {gd}/_emulator/state"),
            ("Add a finding (an incident follows on the next poll)", $"curl -s -X POST {gd}/_emulator/findings -H 'content-type: application/json' -d @{SandboxLayout.Display(layout.ExampleFinding)}"),
            ("Throttle every 3rd GuardDuty call", $"curl -s -X POST {gd}/_emulator/faults -d '{{\"throttleEveryNth\":3}}'   (clear: -d '{{\"clear\":true}}')"),
            ("Read an incident in SOAR", $"curl -s -K {SandboxLayout.Display(layout.SoarCurlConfig)} https://127.0.0.1:{s.Soar.Port}/rest/orgs/{SandboxServers.OrgId}/incidents/{anIncident}"),
            ("Check the configuration end to end", $"dotnet run --project Fn.AwsGuardDuty -- selftest -c {config}"),
            ("Follow the app's log", $"tail -f {SandboxLayout.Display(layout.LogFile)}"),
        };
        var poke = new Table().Title("[bold]Poke at it[/]").AddColumn("").AddColumn("").HideHeaders();
        foreach (var (what, command) in commands)
            poke.AddRow(Markup.Escape(what), $"[aqua]{Markup.Escape(command)}[/]");

        return new Rows(where, poke);
    }
}
