using Fn.AwsGuardDuty.GuardDuty.Model;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// What differs between the IPSet and the ThreatIntelSet functions: the GuardDuty resource, the id input, the boto3 id
/// member of the create response, the noun used in messages, and whether <c>aws_gd_bucket_owner</c> is an input
/// (guardduty-app.md §4.4: IPSet create/update only).
/// </summary>
public sealed record ThreatListSpec(ThreatListKind Kind, string Noun, string IdInput, string IdMember, bool HasBucketOwner)
{
    public static ThreatListSpec IpSet { get; } = new(ThreatListKind.IpSet, "IPSet", InputNames.IpSetId, "IpSetId", HasBucketOwner: true);

    public static ThreatListSpec ThreatIntelSet { get; } =
        new(ThreatListKind.ThreatIntelSet, "ThreatIntelSet", InputNames.ThreatIntelSetId, "ThreatIntelSetId", HasBucketOwner: false);

    /// <summary>The entity sets (IPs and domains) take the bucket owner on create and update (extensions.md §C).</summary>
    public static ThreatListSpec ThreatEntitySet { get; } =
        new(ThreatListKind.ThreatEntitySet, "ThreatEntitySet", InputNames.ThreatEntitySetId, "ThreatEntitySetId", HasBucketOwner: true);

    public static ThreatListSpec TrustedEntitySet { get; } =
        new(ThreatListKind.TrustedEntitySet, "TrustedEntitySet", InputNames.TrustedEntitySetId, "TrustedEntitySetId", HasBucketOwner: true);

    /// <summary>The model's output shape of the Get operation, for the boto3 conversion.</summary>
    public string GetResponseShape => Kind switch
    {
        ThreatListKind.IpSet => "GetIPSetResponse",
        ThreatListKind.ThreatIntelSet => "GetThreatIntelSetResponse",
        ThreatListKind.ThreatEntitySet => "GetThreatEntitySetResponse",
        _ => "GetTrustedEntitySetResponse",
    };
}
