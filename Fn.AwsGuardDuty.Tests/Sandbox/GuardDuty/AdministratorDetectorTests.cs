using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>
/// A delegated administrator's detector holds its members' findings (extensions.md §A): ListFindings, GetFindings and
/// GetFindingsStatistics on it cover the members' detectors in the region, and archive, unarchive and feedback through
/// it change the member's finding. A member's own detector still sees only its own findings. Over signed HTTP.
/// </summary>
public class AdministratorDetectorTests : EmulatorFixture
{
    private const string ThirdAccount = "333333333333";

    private OrganizationFindings organization = null!;
    private DetectorKey admin;

    [OneTimeSetUp]
    public void SeedOrganization()
    {
        organization = new OrganizationFindingGenerator(31, new OrganizationOptions
        {
            AdministratorAccountId = AccountA,
            MemberAccountIds = [AccountB, ThirdAccount],
            Region = Region,
            FindingsPerAccount = 6,
            SequencesPerMember = 2,
        }).Generate();
        foreach (var finding in organization.AllFindings)
            State.AddFinding(finding);
        State.AddMembers(AccountA, organization.MemberAccountIds);
        admin = State.Detectors().Single(d => d.AccountId == AccountA && d.Region == Region);
    }

    private DetectorKey DetectorOf(string account) => State.Detectors().Single(d => d.AccountId == account && d.Region == Region);

    private async Task<List<string>> ListAll(DetectorKey detector, string accessKey = KeyA, string secret = SecretA, JObject? criteria = null)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var body = new JObject { ["maxResults"] = 7 };
            if (criteria is not null)
                body["findingCriteria"] = criteria;
            if (token is not null)
                body["nextToken"] = token;
            var page = (await Client(accessKey: accessKey, secret: secret).PostAsync(FindingsPath(detector), body)).ShouldBeOk();
            ids.AddRange(page["findingIds"]!.Values<string>()!);
            token = page.Value<string?>("nextToken");
        }
        while (!string.IsNullOrEmpty(token));
        return ids;
    }

    [Test]
    public async Task The_administrators_detector_lists_and_gets_every_member_finding()
    {
        var expected = organization.AllFindings.Select(f => (string)f["id"]!).ToList();

        var listed = await ListAll(admin);

        listed.Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
        State.Members(AccountA).Should().Equal(AccountB, ThirdAccount);

        var memberIds = organization.Accounts.Where(a => a.AccountId != AccountA).SelectMany(a => a.Sequences).Select(f => (string)f["id"]!).ToList();
        var got = (await Client().PostAsync(FindingsPath(admin, "/get"), new JObject { ["findingIds"] = new JArray(memberIds) })).ShouldBeOk();
        got["findings"]!.Select(f => (string)f["id"]!).Should().BeEquivalentTo(memberIds);
        got["findings"]!.Select(f => (string)f["accountId"]!).Distinct().Should().BeEquivalentTo(AccountB, ThirdAccount);
        got["findings"]!.Should().OnlyContain(f => (string)f["service"]!["detectorId"]! != admin.DetectorId, "a member finding keeps its own detector");
    }

    [Test]
    public async Task Criteria_and_statistics_on_the_administrators_detector_cover_the_members()
    {
        var criteria = new JObject { ["criterion"] = new JObject { ["accountId"] = new JObject { ["eq"] = new JArray(ThirdAccount) } } };

        var third = await ListAll(admin, criteria: criteria);

        third.Should().BeEquivalentTo(organization.Accounts.Single(a => a.AccountId == ThirdAccount).Findings
            .Concat(organization.Accounts.Single(a => a.AccountId == ThirdAccount).Sequences).Select(f => (string)f["id"]!));
        var statistics = (await Client().PostAsync($"/detector/{admin.DetectorId}/findings/statistics",
            new JObject { ["groupBy"] = "ACCOUNT" })).ShouldBeOk();
        statistics.SelectToken("findingStatistics.groupedByAccount")!.Select(g => (string)g["accountId"]!)
            .Should().BeEquivalentTo(AccountA, AccountB, ThirdAccount);
    }

    [Test]
    public async Task A_members_detector_sees_only_its_own_findings()
    {
        var own = organization.Accounts.Single(a => a.AccountId == AccountB);

        var listed = await ListAll(DetectorOf(AccountB), KeyB, SecretB);

        listed.Should().BeEquivalentTo(own.Findings.Concat(own.Sequences).Select(f => (string)f["id"]!));
    }

    [Test]
    public async Task Archive_unarchive_and_feedback_through_the_administrator_change_the_member_finding()
    {
        var memberDetector = DetectorOf(ThirdAccount);
        var sequence = organization.Accounts.Single(a => a.AccountId == ThirdAccount).Sequences[0];
        var id = (string)sequence["id"]!;
        var ids = new JObject { ["findingIds"] = new JArray(id) };

        (await Client().PostAsync(FindingsPath(admin, "/archive"), ids)).ShouldBeOk();
        State.GetFinding(memberDetector, id)!.SelectToken("service.archived")!.Value<bool>().Should().BeTrue();
        (await ListAll(admin, criteria: new JObject { ["criterion"] = new JObject { ["service.archived"] = new JObject { ["eq"] = new JArray("false") } } }))
            .Should().NotContain(id);

        (await Client().PostAsync(FindingsPath(admin, "/unarchive"), ids)).ShouldBeOk();
        State.GetFinding(memberDetector, id)!.SelectToken("service.archived")!.Value<bool>().Should().BeFalse();

        (await Client().PostAsync(FindingsPath(admin, "/feedback"), new JObject { ["findingIds"] = new JArray(id), ["feedback"] = "USEFUL" })).ShouldBeOk();
        State.GetFinding(memberDetector, id)!.SelectToken("service.userFeedback")!.Value<string>().Should().Be("USEFUL");
        State.GetFinding(admin, id).Should().BeNull("the finding stays in the member's detector");
    }

    [Test]
    public void Membership_rules_are_checked()
    {
        ((Action)(() => State.AddMembers(AccountB, ["444444444444"]))).Should().Throw<ArgumentException>().WithMessage("*is a member*");
        ((Action)(() => State.AddMembers("555555555555", [AccountA]))).Should().Throw<ArgumentException>().WithMessage("*administers*");
        ((Action)(() => State.AddMembers("555555555555", [ThirdAccount]))).Should().Throw<ArgumentException>().WithMessage("*already a member*");
    }
}
