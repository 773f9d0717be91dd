namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>
/// Findings of a whole GuardDuty organisation, deterministic for a seed: every account (administrator and members) gets
/// ordinary IAM and S3 findings from <see cref="GuardDutyFindingGenerator"/>, and each member gets attack sequences whose
/// FINDING signals are some of that account's own findings, referenced by ARN (GuardDuty correlates within an account),
/// next to CloudTrail or S3 data-event signals. The findings a sequence uses carry its ARN in associatedAttackSequenceArn.
/// </summary>
public sealed class OrganizationFindingGenerator
{
    private static readonly string[] IamTypes =
    [
        "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "Recon:IAMUser/MaliciousIPCaller", "Policy:IAMUser/RootCredentialUsage",
    ];

    private static readonly string[] S3Types =
    [
        "Discovery:S3/MaliciousIPCaller", "Impact:S3/MaliciousIPCaller", "Exfiltration:S3/AnomalousBehavior",
    ];

    private readonly int seed;
    private readonly OrganizationOptions options;

    public OrganizationFindingGenerator(int seed, OrganizationOptions? options = null)
    {
        this.seed = seed;
        this.options = options ?? new OrganizationOptions();
        this.options.Validate();
    }

    public OrganizationFindings Generate()
    {
        var random = new Random(seed);
        var values = new GeneratedValues(random, sample: false);
        var accounts = new List<AccountFindings>();
        var sequenceCount = 0;
        var index = 0;
        foreach (var accountId in options.AllAccountIds)
        {
            var generator = new GuardDutyFindingGenerator(seed + (++index), new FindingGeneratorOptions
            {
                AccountId = accountId,
                Region = options.Region,
                StartTime = options.StartTime,
                Spacing = TimeSpan.FromMinutes(3),
                Types = [.. IamTypes, .. S3Types],
            });
            var findings = generator.Generate(options.FindingsPerAccount).ToList();
            var sequences = new List<Newtonsoft.Json.Linq.JObject>();
            if (accountId != options.AdministratorAccountId)
            {
                var unused = new List<Newtonsoft.Json.Linq.JObject>(findings);
                for (var s = 0; s < options.SequencesPerMember; s++)
                {
                    var kind = sequenceCount++ % 2 == 0 ? AttackSequenceKind.CompromisedCredentials : AttackSequenceKind.CompromisedData;
                    var family = kind == AttackSequenceKind.CompromisedCredentials ? IamTypes : S3Types;
                    var members = unused.Where(f => family.Contains((string)f["type"]!)).Take(options.FindingSignalsPerSequence).ToList();
                    members.ForEach(m => unused.Remove(m));
                    sequences.Add(AttackSequenceFactory.Build(kind, values, accountId, options.Region, generator.DetectorId, members));
                }
            }

            accounts.Add(new AccountFindings(accountId, generator.DetectorId, findings, sequences));
        }

        return new OrganizationFindings(options.AdministratorAccountId, options.Region, accounts);
    }
}
