using Fn.AwsGuardDuty.GuardDuty.Discovery;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>
/// "AWS regions": EC2 DescribeRegions in aws_gd_master_region, filtered by aws_gd_regions, then ListDetectors in each
/// region, exactly as the poller's region discovery does; lists the regions that match.
/// </summary>
public sealed class AwsRegionsSelfTestCheck(SelfTestSession session) : ISelfTestCheck
{
    public const string CheckName = "AWS regions";

    public string Name => CheckName;

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (session.GuardDuty is not { } factory)
        {
            return SelfTestResult.Skipped("not run: the AWS credentials did not pass");
        }

        using var discovery = factory.CreateRegionDiscovery();
        var result = await discovery.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var filter = session.Config.GuardDuty.Regions?.ToString() ?? ".*";
        if (!result.Succeeded)
        {
            return SelfTestResult.Fail($"the regions could not be listed ({result.Error})",
                "allow ec2:DescribeRegions for these credentials; check aws_gd_master_region and aws_gd_ec2_endpoint_url in [fn_aws_guardduty]");
        }

        var names = Selected(result);
        if (names.Count == 0)
        {
            return SelfTestResult.Fail($"no region enabled for the account matches aws_gd_regions '{filter}'",
                "change aws_gd_regions in [fn_aws_guardduty]: a pattern such as .* or a list such as us-east-1, eu-west-1");
        }

        session.PassedRegions(result);
        return SelfTestResult.Pass($"{names.Count} region{(names.Count == 1 ? "" : "s")} match '{filter}': {string.Join(", ", names)}");
    }

    /// <summary>Every region the filter selected: those that answered and those skipped, sorted.</summary>
    internal static IReadOnlyList<string> Selected(RegionRefreshResult result) =>
        [.. result.Regions.Select(r => r.Name).Concat(result.Skipped.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
