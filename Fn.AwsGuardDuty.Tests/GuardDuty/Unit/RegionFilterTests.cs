using Fn.AwsGuardDuty.GuardDuty.Discovery;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class RegionFilterTests
{
    private static readonly string[] All =
        ["us-east-1", "us-east-2", "us-west-2", "us-west-2-lax-1", "eu-west-1", "eu-central-1", "ap-southeast-1", "US-GOV-WEST-1"];

    [TestCase(".*", 8)]
    [TestCase("\".*\"", 8)]
    [TestCase("'^(us|eu).*'", 7)]
    [TestCase("us-west-2", 2)]
    [TestCase("EU-", 2)]
    [TestCase("^ap-", 1)]
    public void A_pattern_is_searched_case_insensitively_after_stripping_quotes(string value, int count)
    {
        var filter = RegionFilter.Parse(value);
        filter.IsExplicitList.Should().BeFalse();
        filter.Apply(All).Should().HaveCount(count);
    }

    [Test]
    public void A_comma_separated_list_selects_exactly_those_regions()
    {
        var filter = RegionFilter.Parse("'us-west-2, EU-WEST-1 ,'");
        filter.IsExplicitList.Should().BeTrue();
        filter.ExplicitRegions.Should().Equal("us-west-2", "eu-west-1");
        filter.Apply(All).Should().Equal("us-west-2", "eu-west-1");
    }

    [Test]
    public void Invalid_or_empty_values_name_the_key()
    {
        var act = () => RegionFilter.Parse("us-(east");
        act.Should().Throw<ArgumentException>().WithMessage("aws_gd_regions: the query filter 'us-(east' is not a valid regular expression*");
        new Action(() => RegionFilter.Parse("  \"\" ")).Should().Throw<ArgumentException>().WithMessage("aws_gd_regions is empty*");
        new Action(() => RegionFilter.Parse(null)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void A_pattern_with_commas_in_a_quantifier_stays_a_pattern()
    {
        var filter = RegionFilter.Parse("^us-[a-z]{4,5}-1$");
        filter.IsExplicitList.Should().BeFalse();
        filter.Apply(All).Should().Equal("us-east-1");
    }
}
