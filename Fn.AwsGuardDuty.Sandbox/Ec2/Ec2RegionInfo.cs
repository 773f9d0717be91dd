namespace Fn.AwsGuardDuty.Sandbox.Ec2;

/// <summary>One region as DescribeRegions reports it. <see cref="OptInStatus"/>: opt-in-not-required, opted-in or not-opted-in.</summary>
public sealed record Ec2RegionInfo(string Name, string OptInStatus = Ec2RegionInfo.OptInNotRequired)
{
    public const string OptInNotRequired = "opt-in-not-required";
    public const string OptedIn = "opted-in";
    public const string NotOptedIn = "not-opted-in";

    public string Endpoint => Name.StartsWith("cn-", StringComparison.Ordinal) ? $"ec2.{Name}.amazonaws.com.cn" : $"ec2.{Name}.amazonaws.com";

    /// <summary>Regions a plain DescribeRegions (without AllRegions) lists: the enabled ones.</summary>
    public bool IsEnabled => OptInStatus != NotOptedIn;
}
