namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

/// <summary>One structure member: its wire name, its boto3/SDK name and its type.</summary>
internal sealed record ShapeMember(string WireName, string SdkName, ShapeType Type);
