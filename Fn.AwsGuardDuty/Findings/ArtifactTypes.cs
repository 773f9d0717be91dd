namespace Fn.AwsGuardDuty.Findings;

/// <summary>Artifact type names (guardduty-app.md §3.4 and §5.6), part of the compatibility contract.</summary>
public static class ArtifactTypes
{
    public const string AccessKeyId = "aws_iam_access_key_id";
    public const string UserName = "aws_iam_user_name";
    public const string S3BucketName = "aws_s3_bucket_name";
    public const string IpAddress = "IP Address";
    public const string DnsName = "DNS Name";
    public const string Port = "Port";
    /// <summary>SOAR's built-in type for an account name; attack-sequence actors' user names (extensions.md §A).</summary>
    public const string UserAccount = "User Account";

    public static ArtifactTypeDefinition AccessKeyIdType { get; } = new(AccessKeyId, "AWS IAM Access Key ID", true,
        "Amazon Web Services (AWS) IAM access key id.", "a33a1971-162c-4417-b344-8708f9d25644");
    public static ArtifactTypeDefinition UserNameType { get; } = new(UserName, "AWS IAM User Name", true,
        "Amazon Web Services (AWS) IAM user name.", "3a0a5309-ba33-47cb-92df-c8a506f87317");
    public static ArtifactTypeDefinition S3BucketNameType { get; } = new(S3BucketName, "AWS S3 Bucket Name", true,
        "Amazon Web Services (AWS) S3 bucket name.", "b98bbc83-39be-4379-aa1e-2a38b7053560");
    public static ArtifactTypeDefinition IpAddressType { get; } = new(IpAddress, "IP Address", false, null, null);
    public static ArtifactTypeDefinition DnsNameType { get; } = new(DnsName, "DNS Name", false, null, null);
    public static ArtifactTypeDefinition PortType { get; } = new(Port, "Port", false, null, null);
    public static ArtifactTypeDefinition UserAccountType { get; } = new(UserAccount, "User Account", false, null, null);

    /// <summary>All types, in the order the mapper searches for them: the reference's six, then User Account.</summary>
    public static IReadOnlyList<ArtifactTypeDefinition> All { get; } = Array.AsReadOnly(new[]
    {
        AccessKeyIdType, UserNameType, S3BucketNameType, IpAddressType, DnsNameType, PortType, UserAccountType,
    });

    /// <summary>The three custom types the customization must define.</summary>
    public static IReadOnlyList<ArtifactTypeDefinition> Custom { get; } = Array.AsReadOnly(All.Where(t => t.IsCustom).ToArray());

    /// <summary>
    /// Resolves a type as SOAR may report it (api name or display name, any case) to its definition;
    /// null when it is none of these (e.g. a numeric type id).
    /// </summary>
    public static ArtifactTypeDefinition? Find(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName))
            return null;
        var name = typeName.Trim();
        foreach (var type in All)
        {
            if (string.Equals(type.ApiName, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(type.DisplayName, name, StringComparison.OrdinalIgnoreCase))
                return type;
        }
        return null;
    }
}
