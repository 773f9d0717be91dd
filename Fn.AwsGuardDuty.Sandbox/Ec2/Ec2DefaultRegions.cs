namespace Fn.AwsGuardDuty.Sandbox.Ec2;

/// <summary>The commercial regions of an ordinary account: the default ones enabled, the opt-in ones not opted in.</summary>
public static class Ec2DefaultRegions
{
    public static List<Ec2RegionInfo> Create() =>
    [
        new("ap-south-1"), new("eu-north-1"), new("eu-west-3"), new("eu-west-2"), new("eu-west-1"),
        new("ap-northeast-3"), new("ap-northeast-2"), new("ap-northeast-1"), new("ca-central-1"), new("sa-east-1"),
        new("ap-southeast-1"), new("ap-southeast-2"), new("eu-central-1"), new("us-east-1"), new("us-east-2"),
        new("us-west-1"), new("us-west-2"),
        new("af-south-1", Ec2RegionInfo.NotOptedIn), new("ap-east-1", Ec2RegionInfo.NotOptedIn),
        new("ap-south-2", Ec2RegionInfo.NotOptedIn), new("ap-southeast-3", Ec2RegionInfo.NotOptedIn),
        new("eu-south-1", Ec2RegionInfo.NotOptedIn), new("eu-central-2", Ec2RegionInfo.NotOptedIn),
        new("me-south-1", Ec2RegionInfo.NotOptedIn), new("me-central-1", Ec2RegionInfo.NotOptedIn),
        new("il-central-1", Ec2RegionInfo.NotOptedIn),
    ];
}
