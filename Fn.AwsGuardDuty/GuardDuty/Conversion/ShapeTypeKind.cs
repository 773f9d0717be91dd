namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

internal enum ShapeTypeKind
{
    Scalar,
    Timestamp,
    Structure,
    List,

    /// <summary>A map: keys are data (tags, affected resources…) and keep their spelling.</summary>
    Map,
}
