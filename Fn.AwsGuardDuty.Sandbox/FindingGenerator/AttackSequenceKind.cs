namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>The attack sequences the generator builds, by finding type.</summary>
public enum AttackSequenceKind
{
    /// <summary>AttackSequence:IAM/CompromisedCredentials.</summary>
    CompromisedCredentials,

    /// <summary>AttackSequence:S3/CompromisedData.</summary>
    CompromisedData,
}
