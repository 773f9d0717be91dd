using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Tests.Configuration;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Deploy;

/// <summary>
/// deploy/grafana's dashboard against the series issue 16 names: each is shown by some panel, no panel asks for a series
/// the app does not export, histograms are read through their <c>_bucket</c>/<c>_sum</c>/<c>_count</c> series, and the
/// Prometheus data source is a template variable.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    /// <summary>The series as issue 16 names them (histograms marked).</summary>
    private static readonly (string Name, bool Histogram)[] Series =
    [
        ("fn_aws_guardduty_function_calls_total", false),
        ("fn_aws_guardduty_function_duration_seconds", true),
        ("fn_aws_guardduty_incidents_created_total", false),
        ("fn_aws_guardduty_incidents_closed_total", false),
        ("fn_aws_guardduty_refresh_triggered_total", false),
        ("fn_aws_guardduty_poll_cycles_total", false),
        ("fn_aws_guardduty_poll_cycle_duration_seconds", true),
        ("fn_aws_guardduty_findings_seen_total", false),
        ("fn_aws_guardduty_aws_calls_total", false),
        ("fn_aws_guardduty_soar_calls_total", false),
        ("fn_aws_guardduty_push_messages_total", false),
        ("fn_aws_guardduty_push_event_to_incident_seconds", true),
    ];

    private JObject _dashboard = null!;
    private List<string> _exprs = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _dashboard = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "deploy", "grafana", "fn-aws-guardduty.json")));
        _exprs = Panels().SelectMany(p => p["targets"] as JArray ?? []).Select(t => t.Value<string>("expr")).OfType<string>().ToList();
    }

    [Test]
    public void The_app_exports_exactly_the_series_the_issue_names() =>
        MetricNames.All.Should().BeEquivalentTo(Series.Select(s => s.Name));

    [Test]
    public void Every_series_is_shown_by_some_panel()
    {
        var used = _exprs.SelectMany(MetricsIn).Select(m => Base(m).Name).ToHashSet(StringComparer.Ordinal);
        Series.Select(s => s.Name).Where(name => !used.Contains(name)).Should().BeEmpty();
    }

    [Test]
    public void Every_metric_a_panel_asks_for_is_exported_in_the_form_its_kind_has()
    {
        _exprs.Should().NotBeEmpty();
        foreach (var expr in _exprs)
        {
            var metrics = MetricsIn(expr).ToList();
            metrics.Should().NotBeEmpty(expr);
            foreach (var metric in metrics)
            {
                var (name, suffix) = Base(metric);
                var series = Series.Where(s => s.Name == name).ToList();
                series.Should().ContainSingle($"'{metric}' in '{expr}' must be a series the app exports");
                if (series[0].Histogram)
                    suffix.Should().NotBeEmpty($"a histogram is read through _bucket, _sum or _count ('{expr}')");
                else
                    suffix.Should().BeEmpty($"'{metric}' is a counter");
            }
        }
    }

    [Test]
    public void Quantiles_come_from_histogram_buckets_and_ratios_from_rates()
    {
        var quantiles = _exprs.Where(e => e.Contains("histogram_quantile", StringComparison.Ordinal)).ToList();
        quantiles.Should().NotBeEmpty().And.OnlyContain(e => e.Contains("_bucket{", StringComparison.Ordinal) && e.Contains("le)", StringComparison.Ordinal));
        Series.Where(s => s.Histogram).Should().OnlyContain(s => quantiles.Any(q => q.Contains(s.Name + "_bucket", StringComparison.Ordinal)),
            "every histogram has a quantile panel");
        _exprs.Where(e => e.Contains("outcome!=\"ok\"", StringComparison.Ordinal)).Should().HaveCountGreaterThanOrEqualTo(3, "error ratios")
            .And.OnlyContain(e => e.Contains(" / ", StringComparison.Ordinal));
    }

    [Test]
    public void The_Prometheus_data_source_is_a_template_variable_every_panel_uses()
    {
        var variables = (JArray)_dashboard["templating"]!["list"]!;
        var datasource = variables.Single(v => v.Value<string>("type") == "datasource");
        datasource.Value<string>("query").Should().Be("prometheus");
        var uid = "${" + datasource.Value<string>("name") + "}";
        foreach (var panel in Panels())
        {
            panel["datasource"]!.Value<string>("uid").Should().Be(uid, panel.Value<string>("title"));
            panel["targets"]!.Should().OnlyContain(t => t["datasource"]!.Value<string>("uid") == uid);
        }
    }

    [Test]
    public void Panels_have_unique_ids_and_fit_the_24_column_grid()
    {
        var all = ((JArray)_dashboard["panels"]!).ToList();
        all.Select(p => p.Value<int>("id")).Should().OnlyHaveUniqueItems();
        all.Should().OnlyContain(p => p["gridPos"]!.Value<int>("x") + p["gridPos"]!.Value<int>("w") <= 24);
    }

    private IEnumerable<JToken> Panels() => ((JArray)_dashboard["panels"]!).Where(p => p.Value<string>("type") != "row");

    private static IEnumerable<string> MetricsIn(string expr) => MetricName().Matches(expr).Select(m => m.Value);

    private static (string Name, string Suffix) Base(string metric)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (metric.EndsWith(suffix, StringComparison.Ordinal) && Series.Any(s => s.Histogram && s.Name + suffix == metric))
                return (metric[..^suffix.Length], suffix);
        }

        return (metric, "");
    }

    [GeneratedRegex("fn_aws_guardduty_[a-z_]+")]
    private static partial Regex MetricName();
}
