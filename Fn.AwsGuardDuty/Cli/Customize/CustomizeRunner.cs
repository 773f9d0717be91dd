using Fn.AwsGuardDuty.Soar;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Cli.Customize;

/// <summary>
/// What <c>customize</c> does (soar-protocol.md §8): uploads the export to <c>/configurations/imports</c>, shows what
/// SOAR will add or change and asks (unless <c>-y</c>), confirms with ACCEPTED, then grants the logged-in API key
/// (or user) on the export's message destinations. A run that finds nothing to import or grant says so and changes
/// nothing; the empty import is rejected so it does not stay pending.
/// </summary>
internal sealed class CustomizeRunner(SoarClient client, TextWriter output, TextReader input)
{
    public async Task<int> RunAsync(ExportFile export, bool assumeYes, CancellationToken cancellationToken)
    {
        var session = await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"SOAR {client.BaseUrl}, org '{session.Org.Name}' ({session.OrgId})");
        output.WriteLine($"Export {export.Path}:");
        foreach (var line in export.Summary())
            output.WriteLine("  " + line);

        var pending = await client.Imports.CreateAsync(export.Json, cancellationToken).ConfigureAwait(false);
        var imported = false;
        if (!IsPending(pending))
        {
            output.WriteLine($"SOAR answered the import with status {pending.Value<string>("status") ?? "(none)"}; nothing to confirm.");
        }
        else if (pending["changes"]?["no_changes"]?.Value<bool?>() == true)
        {
            await client.Imports.ConfirmAsync(pending, accept: false, cancellationToken).ConfigureAwait(false);
            output.WriteLine("Import: no changes; every object of the export is already in SOAR as it is.");
        }
        else
        {
            WriteChanges(pending);
            if (!assumeYes && !Ask("Import these into SOAR?"))
            {
                await client.Imports.ConfirmAsync(pending, accept: false, cancellationToken).ConfigureAwait(false);
                output.WriteLine("Import rejected; SOAR is unchanged. Run with -y to import without asking.");
                return ExitCodes.RuntimeFailure;
            }

            var accepted = await client.Imports.ConfirmAsync(pending, accept: true, cancellationToken).ConfigureAwait(false);
            var status = accepted.Value<string>("status");
            if (!string.Equals(status, "ACCEPTED", StringComparison.OrdinalIgnoreCase))
            {
                output.WriteLine($"SOAR did not accept the import (status {status ?? "(none)"}).");
                return ExitCodes.RuntimeFailure;
            }

            imported = true;
            output.WriteLine("Import accepted.");
        }

        var granted = await GrantAsync(export, session, cancellationToken).ConfigureAwait(false);
        if (granted is null)
            return ExitCodes.RuntimeFailure;

        output.WriteLine(imported || granted.Value ? "Customization done." : "Nothing changed: the customization was already in place.");
        return ExitCodes.Ok;
    }

    /// <summary>True when a grant was added, false when every destination already allowed us, null when one is missing.</summary>
    private async Task<bool?> GrantAsync(ExportFile export, SoarSession session, CancellationToken cancellationToken)
    {
        var who = session.ApiKeyHandle is { } handle ? $"API key {handle}" : $"user {session.UserId}";
        var changed = false;
        foreach (var name in export.Destinations)
        {
            var destination = await client.MessageDestinations.FindAsync(name, cancellationToken).ConfigureAwait(false);
            if (destination?["id"] is not { Type: JTokenType.Integer } id)
            {
                output.WriteLine($"Message destination {name} is not in SOAR after the import; {who} could not be granted on it.");
                return null;
            }

            if (await client.MessageDestinations.GrantAccessAsync(id.Value<long>(), cancellationToken).ConfigureAwait(false))
            {
                changed = true;
                output.WriteLine($"Granted {who} on message destination {name}.");
            }
            else
            {
                output.WriteLine($"{who} already has access to message destination {name}.");
            }
        }

        return changed;
    }

    private void WriteChanges(JObject pending)
    {
        foreach (var message in pending["messages"] as JArray ?? [])
        {
            if (message.Value<string>("text") is { } text)
                output.WriteLine("SOAR: " + text);
        }

        foreach (var action in new[] { "added", "changed" })
        {
            var items = (pending["changes"]?[action] as JArray ?? []).OfType<JObject>().ToList();
            foreach (var group in items.GroupBy(i => i.Value<string>("type") ?? "object"))
                output.WriteLine($"  {action}: {group.Count()} {group.Key}(s): {string.Join(", ", group.Select(i => i.Value<string>("name")))}");
        }
    }

    private bool Ask(string question)
    {
        output.Write(question + " [y/N] ");
        output.Flush();
        var answer = input.ReadLine();
        output.WriteLine();
        return answer is not null && answer.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static bool IsPending(JObject import) => string.Equals(import.Value<string>("status"), "PENDING", StringComparison.OrdinalIgnoreCase);
}
