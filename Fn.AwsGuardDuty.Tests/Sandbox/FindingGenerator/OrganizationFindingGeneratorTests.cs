using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Tests.Findings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.FindingGenerator;

/// <summary>
/// Attack sequences across the accounts of one organisation: each sequence's FINDING signals are other generated
/// findings of its account, referenced by ARN, and those findings point back with associatedAttackSequenceArn.
/// The sequences are in the model's wire shape, so they map to both sequence tables.
/// </summary>
public class OrganizationFindingGeneratorTests
{
    private static readonly OrganizationOptions Options = new()
    {
        AdministratorAccountId = "999900001111",
        MemberAccountIds = ["999900002222", "999900003333", "999900004444"],
        Region = "eu-central-1",
        FindingsPerAccount = 8,
        SequencesPerMember = 2,
        FindingSignalsPerSequence = 2,
    };

    [Test]
    public void Every_member_gets_sequences_whose_finding_signals_are_its_own_findings_by_arn()
    {
        var organization = new OrganizationFindingGenerator(5, Options).Generate();

        organization.Accounts.Select(a => a.AccountId).Should().Equal("999900001111", "999900002222", "999900003333", "999900004444");
        organization.Accounts.Single(a => a.AccountId == "999900001111").Sequences.Should().BeEmpty();
        var byArn = organization.AllFindings.ToDictionary(f => (string)f["arn"]!);
        var types = new HashSet<string>();
        foreach (var account in organization.Accounts.Where(a => a.AccountId != "999900001111"))
        {
            account.Findings.Should().HaveCount(8).And.OnlyContain(f => (string)f["accountId"]! == account.AccountId);
            account.Sequences.Should().HaveCount(2);
            foreach (var sequence in account.Sequences)
            {
                types.Add((string)sequence["type"]!);
                ((double)sequence["severity"]!).Should().BeInRange(9.0, 10.0);
                sequence["accountId"]!.Value<string>().Should().Be(account.AccountId);
                sequence.SelectToken("service.detectorId")!.Value<string>().Should().Be(account.DetectorId);
                var signals = (JArray)sequence.SelectToken("service.detection.sequence.signals")!;
                var findingSignals = signals.Where(s => (string)s["type"]! == "FINDING").ToList();
                findingSignals.Should().NotBeEmpty();
                signals.Should().Contain(s => (string)s["type"]! != "FINDING", "a sequence also has CloudTrail or S3 data-event signals");
                foreach (var signal in findingSignals)
                {
                    var member = byArn[(string)signal["uid"]!];
                    member["accountId"]!.Value<string>().Should().Be(account.AccountId);
                    member["associatedAttackSequenceArn"]!.Value<string>().Should().Be((string)sequence["arn"]!);
                    signal["name"]!.Value<string>().Should().Be((string)member["type"]!);
                    signal["firstSeenAt"]!.Type.Should().BeOneOf(JTokenType.Integer, JTokenType.Float);
                }
            }
        }

        types.Should().BeEquivalentTo("AttackSequence:IAM/CompromisedCredentials", "AttackSequence:S3/CompromisedData");
        organization.AllFindings.Select(f => (string)f["id"]!).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void The_same_seed_gives_the_same_organisation()
    {
        var first = new OrganizationFindingGenerator(9, Options).Generate();
        var second = new OrganizationFindingGenerator(9, Options).Generate();

        first.AllFindings.Select(f => f.ToString(Formatting.None)).Should().Equal(second.AllFindings.Select(f => f.ToString(Formatting.None)));
    }

    [Test]
    public void A_generated_sequence_maps_to_one_row_per_signal_and_per_indicator_with_its_artifacts()
    {
        var organization = new OrganizationFindingGenerator(5, Options).Generate();
        var sequence = organization.Accounts[1].Sequences[0];
        var wireSequence = (JObject)sequence.SelectToken("service.detection.sequence")!;

        var mapped = new FindingMapper(FixedTimeProvider.Default).Map(new FindingConverter().ToBoto(sequence), Options.Region);

        var rows = mapped.Rows(DataTables.SequenceSignals.Name);
        rows.Select(r => r[DataTables.SequenceSignals.SignalUid]).Should().Equal(((JArray)wireSequence["signals"]!).Select(s => (string?)s["uid"]));
        rows.Should().OnlyContain(r => r[DataTables.SequenceSignals.FirstSeen]!.EndsWith('Z') && r[DataTables.QueryExecutionDate] != null);
        mapped.Rows(DataTables.SequenceIndicators.Name).Should().HaveCount(((JArray)wireSequence["sequenceIndicators"]!).Count);
        mapped.Payload.Properties[IncidentFields.AccountId].Should().Be("999900002222");
        var user = (string)wireSequence.SelectToken("actors[0].user.name")!;
        mapped.Artifacts.Should().Contain(a => a.Type == ArtifactTypes.UserAccount && a.Value == user);
        foreach (var endpoint in (JArray)wireSequence["endpoints"]!)
            mapped.Artifacts.Should().Contain(a => a.Type == ArtifactTypes.IpAddress && a.Value == (string)endpoint["ip"]!);
        mapped.Artifacts.Should().Contain(a => a.Type == ArtifactTypes.DnsName && a.Value == (string)wireSequence.SelectToken("endpoints[1].domain")!);
    }

    [Test]
    public void Bad_options_are_rejected()
    {
        ((Action)(() => new OrganizationFindingGenerator(1, new OrganizationOptions { MemberAccountIds = [] }))).Should().Throw<ArgumentException>();
        ((Action)(() => new OrganizationFindingGenerator(1, new OrganizationOptions { AdministratorAccountId = "1" }))).Should().Throw<ArgumentException>();
        ((Action)(() => new OrganizationFindingGenerator(1, new OrganizationOptions { MemberAccountIds = ["111111111111"] }))).Should().Throw<ArgumentException>();
    }
}
