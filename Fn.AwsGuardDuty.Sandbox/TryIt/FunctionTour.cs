using System.Globalization;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Calls a few of the app's functions the way a SOAR playbook does (a function message through the broker, the
/// results envelope back): create, list, get and delete an IPSet, get findings by id and list findings by criteria.
/// Each result is checked against the GuardDuty emulator's state and shown in a table.
/// </summary>
public sealed class FunctionTour(TryItSession session, TryItConsole ui)
{
    private readonly Table _table = new Table().AddColumn("Function").AddColumn("Result").AddColumn(new TableColumn("Round trip").RightAligned());
    private TimeSpan _lastLatency;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var finding = session.Seeded[0];
        var detector = finding.Detector;
        var scope = new JObject { [InputNames.DetectorId] = detector.DetectorId, [InputNames.Region] = detector.Region };
        const string listName = "try-it trusted IPs";

        var created = await CallAsync(FunctionNames.CreateIpSet, With(scope, new JObject
        {
            [InputNames.Format] = "TXT",
            [InputNames.Name] = listName,
            [InputNames.Activate] = true,
            [InputNames.Location] = "https://s3.amazonaws.com/try-it-bucket/trusted-ips.txt",
            [InputNames.Tags] = "source:try-it",
        }), cancellationToken).ConfigureAwait(false);
        var ipSetId = created.Value<string>("IpSetId") ?? throw new TryItException($"{FunctionNames.CreateIpSet} returned no IpSetId: {created}");
        Expect(session.Servers.GuardDuty.State.ThreatLists(detector, ThreatListKind.IpSet).Any(e => e.Id == ipSetId),
            $"IPSet {ipSetId} is not in GuardDuty after {FunctionNames.CreateIpSet}");
        Row(FunctionNames.CreateIpSet, $"IpSetId {ipSetId}");

        var listed = await CallAsync(FunctionNames.ListIpSet, scope, cancellationToken).ConfigureAwait(false);
        Expect(listed is JArray ids && ids.Values<string>().Contains(ipSetId), $"{FunctionNames.ListIpSet} did not list {ipSetId}: {listed}");
        Row(FunctionNames.ListIpSet, $"{listed.Count()} IPSet(s): {string.Join(", ", listed.Values<string>())}");

        var got = await CallAsync(FunctionNames.GetIpSet, With(scope, new JObject { [InputNames.IpSetId] = ipSetId }), cancellationToken).ConfigureAwait(false);
        Expect(got.Value<string>("Name") == listName, $"{FunctionNames.GetIpSet} answered name {got.Value<string>("Name")}, expected {listName}");
        Row(FunctionNames.GetIpSet, $"'{got.Value<string>("Name")}', {got.Value<string>("Format")}, {got.Value<string>("Status")}");

        var deleted = await CallAsync(FunctionNames.DeleteIpSet, With(scope, new JObject { [InputNames.IpSetId] = ipSetId }), cancellationToken).ConfigureAwait(false);
        Expect(deleted.Value<string>("status") == "ok" && session.Servers.GuardDuty.State.ThreatLists(detector, ThreatListKind.IpSet).All(e => e.Id != ipSetId),
            $"{FunctionNames.DeleteIpSet} answered {deleted} and GuardDuty still has {ipSetId}");
        Row(FunctionNames.DeleteIpSet, "status ok; GuardDuty has no IPSet left");

        var asked = session.Seeded.Where(f => f.Detector == detector).Take(3).Select(f => f.Id).ToList();
        var findings = await CallAsync(FunctionNames.GetFindings, With(scope, new JObject { [InputNames.FindingIds] = string.Join(", ", asked) }), cancellationToken)
            .ConfigureAwait(false);
        var gotIds = (findings["findings"] as JArray ?? []).Select(f => f.Value<string>("Id")).ToList();
        Expect(asked.All(gotIds.Contains), $"{FunctionNames.GetFindings} returned {string.Join(", ", gotIds)} for {string.Join(", ", asked)}");
        Row(FunctionNames.GetFindings, string.Join("; ", (findings["findings"] as JArray ?? []).Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.Value<string>("Type")} ({f.Value<double>("Severity"):0.0})"))));

        var listedFindings = await CallAsync(FunctionNames.ListFindings, With(scope, new JObject { [InputNames.SeverityThreshold] = 7 }), cancellationToken)
            .ConfigureAwait(false);
        var expected = session.Servers.GuardDuty.State.Findings(detector)
            .Where(f => f.Value<double>("severity") >= 7 && f.SelectToken("service.archived")?.Value<bool>() != true)
            .Select(f => f.Value<string>("id")).ToHashSet(StringComparer.Ordinal);
        var listedIds = (listedFindings["finding_ids"] as JArray ?? []).Values<string>().ToList();
        Expect(listedIds.Count == Math.Min(expected.Count, ListFindingsFunction.DefaultMaxResults) && listedIds.All(expected.Contains),
            $"{FunctionNames.ListFindings} returned {listedIds.Count} id(s); GuardDuty holds {expected.Count} active finding(s) of severity 7 or more in {detector.Region}");
        Row(FunctionNames.ListFindings, $"{listedIds.Count} active finding(s) of severity ≥ 7 in {detector.Region}");

        ui.Write(_table);
    }

    private async Task<JToken> CallAsync(string function, JObject inputs, CancellationToken cancellationToken)
    {
        FunctionReply reply;
        try
        {
            reply = await session.Platform.CallAsync(function, inputs, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TryItException($"{function}: {e.Message}");
        }

        if (reply.IsError)
            throw new TryItException($"{function} failed: {reply.Message}");
        if (!reply.Success)
            throw new TryItException($"{function} answered success false: {reply.Results?.Value<string>("reason")}");
        _lastLatency = reply.Latency;
        return reply.Content ?? throw new TryItException($"{function} answered without content");
    }

    private void Row(string function, string result) =>
        _table.AddRow(Markup.Escape(function), Markup.Escape(result), $"{_lastLatency.TotalMilliseconds:0.0} ms");

    private static JObject With(JObject scope, JObject more)
    {
        var inputs = (JObject)scope.DeepClone();
        inputs.Merge(more);
        return inputs;
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
            throw new TryItException(failure);
    }
}
