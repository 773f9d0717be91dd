namespace Fn.AwsGuardDuty.Configuration;

/// <summary>Reads <c>aws_gd_metrics_listen</c> of <c>[fn_aws_guardduty]</c>: null when unset (no listener); a bad value is a problem naming the key.</summary>
internal static class MetricsListenReader
{
    public const string Key = "aws_gd_metrics_listen";

    public static ListenAddress? Read(SectionReader r, List<ConfigProblem> problems)
    {
        if (r.String(Key) is not { } text) return null;
        if (ListenAddress.TryParse(text, out var address, out var error)) return address;
        problems.Add(new ConfigProblem(r.Section, Key, error));
        return null;
    }
}
