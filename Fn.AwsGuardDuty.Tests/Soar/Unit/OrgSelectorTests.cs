using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class OrgSelectorTests
{
    private static readonly IReadOnlyList<SoarOrg> Orgs = OrgSelector.ReadOrgs(JObject.Parse("""
        {"orgs": [
          {"id": 201, "name": "Test Org", "uuid": "u-201", "cloud_account": "ca-201", "enabled": true},
          {"id": 202, "name": "ca-201", "uuid": "u-202", "cloud_account": null, "enabled": true},
          {"id": 203, "name": "Off Org", "uuid": "u-203", "enabled": false},
          {"name": "no id"}
        ]}
        """));

    [Test]
    public void Reads_the_orgs_that_have_an_id() =>
        Orgs.Select(o => o.Id).Should().Equal(201, 202, 203);

    [TestCase("Test Org", 201)]
    [TestCase("u-202", 202)]
    [TestCase("ca-201", 201)] // the first org in list order whose cloud_account, uuid or name matches
    [TestCase(" Test Org ", 201)]
    public void Selects_by_cloud_account_uuid_or_name(string configured, long expected) =>
        OrgSelector.Select(Orgs, configured).Id.Should().Be(expected);

    [Test]
    public void An_unknown_org_lists_the_users_orgs()
    {
        var act = () => OrgSelector.Select(Orgs, "Nope");
        act.Should().Throw<SoarOrgException>()
            .WithMessage("*not a member of the specified organization 'Nope'*'Test Org'*'Off Org' (disabled)*")
            .Which.AvailableOrgs.Should().HaveCount(3);
    }

    [Test]
    public void A_disabled_org_is_refused()
    {
        var act = () => OrgSelector.Select(Orgs, "Off Org");
        act.Should().Throw<SoarOrgException>().WithMessage("*'Off Org' (id 203) is not accessible*disabled*");
    }

    [Test]
    public void A_missing_org_setting_lists_the_orgs_even_for_one_org()
    {
        var act = () => OrgSelector.Select([Orgs[0]], null);
        act.Should().Throw<SoarOrgException>().WithMessage("No SOAR org is configured*'Test Org'*");
    }
}
