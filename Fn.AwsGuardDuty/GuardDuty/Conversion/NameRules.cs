namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

/// <summary>The default naming rule between the wire (lowerCamel) and boto3/SDK (PascalCase) member names.</summary>
internal static class NameRules
{
    public static string ToBoto(string wireName) =>
        wireName.Length == 0 || char.IsUpper(wireName[0]) ? wireName : char.ToUpperInvariant(wireName[0]) + wireName[1..];

    public static string ToWire(string sdkName) =>
        sdkName.Length == 0 || char.IsLower(sdkName[0]) ? sdkName : char.ToLowerInvariant(sdkName[0]) + sdkName[1..];
}
