using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Metrics;

/// <summary>docs/metrics.md documents every series the app exports, and no other.</summary>
public sealed partial class MetricsDocTests
{
    [Test]
    public void The_table_has_one_row_per_series()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "metrics.md"));
        var rows = TableRow().Matches(text).Select(m => m.Groups[1].Value).ToList();

        rows.Should().BeEquivalentTo(MetricNames.All);
    }

    [GeneratedRegex(@"^\| `(fn_aws_guardduty_[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
