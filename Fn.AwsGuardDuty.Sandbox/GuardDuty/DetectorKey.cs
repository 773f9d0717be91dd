namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>Identifies one detector: GuardDuty state is kept per account, region and detector.</summary>
public readonly record struct DetectorKey(string AccountId, string Region, string DetectorId)
{
    public override string ToString() => $"{AccountId}/{Region}/{DetectorId}";
}
