using Fn.AwsGuardDuty.Circuits;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>Checks of the IPSet/ThreatIntelSet inputs that GuardDuty would otherwise refuse after the call.</summary>
public static class ThreatListInputs
{
    /// <summary>GuardDuty's list formats (IpSetFormat / ThreatIntelSetFormat).</summary>
    public static IReadOnlyList<string> Formats { get; } = ["TXT", "STIX", "OTX_CSV", "ALIEN_VAULT", "PROOF_POINT", "FIRE_EYE"];

    public const int MaxClientTokenLength = 64;

    /// <summary><c>aws_gd_format</c>, case-insensitive, returned upper-case.</summary>
    public static string Format(this FunctionInputs inputs)
    {
        var format = inputs.RequiredText(InputNames.Format).ToUpperInvariant();
        return Formats.Contains(format)
            ? format
            : throw GuardDutyInputs.Invalid(InputNames.Format,
                $"must be one of {string.Join(", ", Formats)}, got '{GuardDutyInputs.Echo(format)}'");
    }

    /// <summary><c>aws_gd_bucket_owner</c>: the 12-digit AWS account id that owns the list's S3 bucket.</summary>
    public static string? BucketOwner(this FunctionInputs inputs)
    {
        var owner = inputs.OptionalText(InputNames.BucketOwner);
        return owner is null || (owner.Length == 12 && owner.All(char.IsAsciiDigit))
            ? owner
            : throw GuardDutyInputs.Invalid(InputNames.BucketOwner, $"must be a 12-digit AWS account id, got '{GuardDutyInputs.Echo(owner)}'");
    }

    /// <summary><c>aws_gd_client_token</c> (idempotency token, at most 64 characters).</summary>
    public static string? ClientToken(this FunctionInputs inputs)
    {
        var token = inputs.OptionalText(InputNames.ClientToken);
        return token is null || token.Length <= MaxClientTokenLength
            ? token
            : throw GuardDutyInputs.Invalid(InputNames.ClientToken, $"must be at most {MaxClientTokenLength} characters");
    }

    /// <summary><c>aws_gd_tags</c> through <see cref="TagParser"/>; null when blank (no Tags member is sent).</summary>
    public static IReadOnlyDictionary<string, string>? Tags(this FunctionInputs inputs)
    {
        try
        {
            var tags = TagParser.Parse(inputs.OptionalText(InputNames.Tags));
            return tags.Count == 0 ? null : tags;
        }
        catch (FormatException error)
        {
            throw GuardDutyInputs.Invalid(InputNames.Tags, error.Message);
        }
    }
}
