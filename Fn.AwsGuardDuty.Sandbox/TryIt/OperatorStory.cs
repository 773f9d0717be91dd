using System.Globalization;
using System.Net;
using Fn.AwsGuardDuty.Metrics;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Issue 16 in the demo: the app's operator endpoint (<c>aws_gd_metrics_listen</c>) as an operator's tools see it.
/// <c>/healthz</c> and <c>/readyz</c> answer 200, and one scrape of <c>/metrics</c> counts what the summary counts:
/// incidents the app created and closed, refresh triggers, and function calls by function.
/// </summary>
public sealed class OperatorStory(TryItSession session, TryItConsole ui)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = session.MetricsEndpoint, Timeout = TimeSpan.FromSeconds(10) };
        await ui.StepAsync($"GET {session.MetricsEndpoint}healthz and /readyz", async () =>
        {
            foreach (var path in new[] { "healthz", "readyz" })
            {
                using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new TryItException($"/{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }

            return "both 200";
        }).ConfigureAwait(false);

        await ui.StepAsync($"Scrape {session.MetricsEndpoint}metrics and compare it with the summary", async () =>
        {
            // Nothing may be in flight between the two readings: the playbooks have run, and no poll cycle is taken mid-way.
            await session.Runner.WaitForIdleAsync(cancellationToken).WaitAsync(session.Options.StepTimeout, cancellationToken).ConfigureAwait(false);
            var scrape = PrometheusScrape.Parse(await http.GetStringAsync("metrics", cancellationToken).ConfigureAwait(false));
            var summary = session.Summary();
            var checks = new List<(string What, double Metric, long Summary)>
            {
                ("incidents created", scrape.Sum(MetricNames.IncidentsCreated), summary.IncidentsCreated),
                ("incidents closed by the app", scrape.Sum(MetricNames.IncidentsClosed), summary.ClosedByPoller),
                ("refresh triggers", scrape.Sum(MetricNames.RefreshTriggered), summary.IncidentsRefreshed),
                ("function calls", scrape.Sum(MetricNames.FunctionCalls), summary.FunctionCalls),
            };
            checks.AddRange(summary.Functions.Select(f =>
                ($"calls of {f.Function}", scrape.Sum(MetricNames.FunctionCalls, ("function", f.Function)), (long)f.Calls)));
            var wrong = checks.Where(c => c.Metric != c.Summary).ToList();
            if (wrong.Count > 0)
                throw new TryItException("/metrics disagrees with the summary: " + string.Join("; ",
                    wrong.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.What}: metrics {c.Metric}, summary {c.Summary}"))));
            return string.Create(CultureInfo.InvariantCulture,
                $"agrees: {checks[0].Metric} created, {checks[1].Metric} closed, {checks[2].Metric} refresh triggers, {checks[3].Metric} function calls over {summary.Functions.Count} functions");
        }).ConfigureAwait(false);
    }
}
