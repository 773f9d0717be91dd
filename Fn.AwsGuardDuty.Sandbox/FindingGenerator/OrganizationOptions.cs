namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>
/// One GuardDuty organisation for <see cref="OrganizationFindingGenerator"/>: the delegated administrator and its member
/// accounts in one region, how many ordinary findings each account gets and how many attack sequences are built on them.
/// </summary>
public sealed class OrganizationOptions
{
    public string AdministratorAccountId { get; init; } = "111111111111";

    public IReadOnlyList<string> MemberAccountIds { get; init; } = ["222222222222", "333333333333"];

    public string Region { get; init; } = "us-east-1";

    public DateTimeOffset StartTime { get; init; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ordinary findings per account (IAM and S3 types, the ones sequences are made of).</summary>
    public int FindingsPerAccount { get; init; } = 8;

    /// <summary>Attack sequences per member account; they alternate between IAM credential compromise and S3 data compromise.</summary>
    public int SequencesPerMember { get; init; } = 2;

    /// <summary>Member findings each sequence takes as signals (fewer when the account has fewer of the sequence's kind).</summary>
    public int FindingSignalsPerSequence { get; init; } = 2;

    public IEnumerable<string> AllAccountIds => MemberAccountIds.Prepend(AdministratorAccountId);

    public void Validate()
    {
        var all = AllAccountIds.ToList();
        if (all.Any(id => id.Length != 12 || !id.All(char.IsAsciiDigit)))
            throw new ArgumentException("OrganizationOptions: every account id must be 12 digits.");
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Count)
            throw new ArgumentException("OrganizationOptions: the administrator and the members must be distinct accounts.");
        if (MemberAccountIds.Count == 0)
            throw new ArgumentException("OrganizationOptions: an organisation needs at least one member account.");
        if (string.IsNullOrWhiteSpace(Region))
            throw new ArgumentException("OrganizationOptions.Region is required.");
        if (FindingsPerAccount < 0 || SequencesPerMember < 0 || FindingSignalsPerSequence < 1)
            throw new ArgumentException("OrganizationOptions: counts must not be negative and a sequence needs at least one finding signal.");
    }
}
