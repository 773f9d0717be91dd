namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>Lists the region names enabled for the account (EC2 DescribeRegions).</summary>
public interface IRegionLister
{
    Task<IReadOnlyList<string>> ListRegionNamesAsync(CancellationToken cancellationToken);
}
