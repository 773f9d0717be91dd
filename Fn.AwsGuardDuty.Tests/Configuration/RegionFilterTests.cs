using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class RegionFilterTests
{
    private static RegionFilter Parse(string text)
    {
        RegionFilter.TryParse(text, out var filter, out var error).Should().BeTrue(error);
        return filter!;
    }

    [Test]
    public void Quotes_are_stripped_and_dot_star_matches_everything()
    {
        var f = Parse("\".*\"");
        f.IsList.Should().BeFalse();
        f.Text.Should().Be(".*");
        f.Matches("ap-southeast-3").Should().BeTrue();
    }

    [Test]
    public void A_regex_is_a_case_insensitive_search_anywhere()
    {
        var f = Parse("'^(us|eu)-'");
        f.Matches("us-east-1").Should().BeTrue();
        f.Matches("EU-west-2").Should().BeTrue();
        f.Matches("ap-south-1").Should().BeFalse();
        Parse("west").Matches("us-west-2").Should().BeTrue("search, not full match");
    }

    [Test]
    public void A_single_region_name_stays_a_regex_as_in_IBMs_app()
    {
        var f = Parse("us-west-2");
        f.IsList.Should().BeFalse();
        f.Matches("us-west-2-lax-1").Should().BeTrue();
    }

    [Test]
    public void A_comma_separated_list_of_region_names_matches_exactly()
    {
        var f = Parse("us-east-1, eu-west-1,US-GOV-WEST-1");
        f.IsList.Should().BeTrue();
        f.Regions.Should().Equal("us-east-1", "eu-west-1", "us-gov-west-1");
        f.Matches("us-east-1").Should().BeTrue();
        f.Matches("US-EAST-1").Should().BeTrue();
        f.Matches("us-east-2").Should().BeFalse();
        f.Matches("us-east-1-bos-1").Should().BeFalse();
        f.ToString().Should().Be("us-east-1, eu-west-1, us-gov-west-1");
    }

    [Test]
    public void A_regex_with_a_comma_is_still_a_regex()
    {
        var f = Parse("^us-(east|west)-[12]{1,2}$");
        f.IsList.Should().BeFalse();
        f.Matches("us-west-1").Should().BeTrue();
    }

    [TestCase("(unclosed")]
    [TestCase("[a-")]
    public void An_invalid_regex_is_refused_with_a_message(string text)
    {
        RegionFilter.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().StartWith($"'{text}' is not a valid regular expression");
    }

    [Test]
    public void A_list_with_quotes_spaces_and_a_trailing_comma_selects_exactly_those_regions_in_the_order_given()
    {
        var f = Parse("'us-west-2, EU-WEST-1 ,'");
        f.IsList.Should().BeTrue();
        f.Regions.Should().Equal("us-west-2", "eu-west-1");
        f.Apply(["us-east-1", "eu-west-1", "us-west-2", "us-west-2-lax-1"], out var timedOut).Should().Equal("eu-west-1", "us-west-2");
        timedOut.Should().BeEmpty();
    }

    [TestCase(".*", 8)]
    [TestCase("'^(us|eu).*'", 7)]
    [TestCase("us-west-2", 2)]
    [TestCase("EU-", 2)]
    [TestCase("^ap-", 1)]
    [TestCase("^us-[a-z]{4,5}-1$", 1)]
    public void A_pattern_selects_the_regions_it_finds(string value, int count) =>
        Parse(value).Apply(["us-east-1", "us-east-2", "us-west-2", "us-west-2-lax-1", "eu-west-1", "eu-central-1", "ap-southeast-1", "US-GOV-WEST-1"], out _)
            .Should().HaveCount(count);

    [Test]
    public void Parse_names_the_key_for_a_bad_value()
    {
        new Action(() => RegionFilter.Parse("us-(east")).Should().Throw<ArgumentException>().WithMessage("aws_gd_regions: 'us-(east' is not a valid regular expression*");
        new Action(() => RegionFilter.Parse("  \"\" ")).Should().Throw<ArgumentException>().WithMessage("aws_gd_regions: is empty*");
    }

    [Test]
    public void An_empty_value_is_refused() => RegionFilter.TryParse("\"\"", out _, out _).Should().BeFalse();

    [Test]
    public void The_loader_reports_a_bad_regions_regex_naming_the_key()
    {
        using var files = new TestConfigFiles();
        files.Problems(TestConfigFiles.Valid().Replace("aws_gd_regions = \".*\"", "aws_gd_regions = \"(us\""))
            .Single().ToString().Should().StartWith("app.config: [fn_aws_guardduty] aws_gd_regions: '(us' is not a valid regular expression");
    }
}
