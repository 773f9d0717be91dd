using System.Text;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>
/// "GuardDuty detectors": ListDetectors in each selected region (run by the regions row): the detector ids, or why a
/// region cannot be used (access denied, not subscribed, unreachable). Fails when a region refused or nothing has a detector.
/// </summary>
public sealed class GuardDutyDetectorsSelfTestCheck(SelfTestSession session) : ISelfTestCheck
{
    public const string CheckName = "GuardDuty detectors";

    public string Name => CheckName;

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (session.Regions is not { } result)
        {
            return Task.FromResult(SelfTestResult.Skipped("not run: the AWS regions did not pass"));
        }

        var lines = new StringBuilder();
        foreach (var name in AwsRegionsSelfTestCheck.Selected(result))
        {
            var region = result.Regions.FirstOrDefault(r => r.Name == name);
            var detail = region is null ? $"refused ({result.Skipped[name]})"
                : region.HasDetectors ? string.Join(", ", region.DetectorIds)
                : "no detector (GuardDuty is not enabled)";
            lines.Append(lines.Length == 0 ? "" : "\n").Append(name).Append(": ").Append(detail);
        }

        var withoutDetector = result.Regions.Where(r => !r.HasDetectors).Select(r => r.Name).ToList();
        SelfTestResult outcome;
        if (result.Skipped.Count > 0)
        {
            outcome = SelfTestResult.Fail(lines.ToString(),
                $"allow guardduty:ListDetectors (and the app's other GuardDuty actions) in {string.Join(", ", result.Skipped.Keys.Order(StringComparer.Ordinal))}, or leave those regions out of aws_gd_regions");
        }
        else if (result.Regions.All(r => !r.HasDetectors))
        {
            outcome = SelfTestResult.Fail(lines.ToString(),
                "enable GuardDuty (create a detector) in the regions to poll, or point aws_gd_regions at the regions where it is enabled");
        }
        else
        {
            outcome = SelfTestResult.Pass(lines.ToString(),
                withoutDetector.Count == 0 ? null : $"no detector in {string.Join(", ", withoutDetector)}: nothing is polled there until GuardDuty is enabled");
        }

        return Task.FromResult(outcome);
    }
}
