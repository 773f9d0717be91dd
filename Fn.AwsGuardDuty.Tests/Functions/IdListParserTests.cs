using Fn.AwsGuardDuty.Functions;

namespace Fn.AwsGuardDuty.Tests.Functions;

public class IdListParserTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ,; \n")]
    [TestCase("[]")]
    public void Blank_text_or_only_separators_give_no_ids(string? text) => IdListParser.Parse(text).Should().BeEmpty();

    [Test]
    public void Commas_semicolons_spaces_tabs_and_line_breaks_all_separate() =>
        IdListParser.Parse(" a1,b2;c3 d4\te5\r\nf6\n").Should().Equal("a1", "b2", "c3", "d4", "e5", "f6");

    [Test]
    public void Duplicates_are_dropped_keeping_the_first_and_the_order() =>
        IdListParser.Parse("b, a, b, c, a").Should().Equal("b", "a", "c");

    [Test]
    public void A_JSON_array_of_strings_is_accepted() =>
        IdListParser.Parse(" [\"a1\", \"b2\", \"a1\"] ").Should().Equal("a1", "b2");

    [Test]
    public void Several_values_are_read_as_one_list() =>
        IdListParser.Parse(["a1, b2", "c3", "a1"]).Should().Equal("a1", "b2", "c3");

    [Test]
    public void Ids_may_hold_dashes_underscores_dots_and_colons() =>
        IdListParser.Parse("sample-1_x.y:z").Should().Equal("sample-1_x.y:z");

    [TestCase("a1, \"b2\"", "'\"b2\"'")]
    [TestCase("a1, x/y", "'x/y'")]
    [TestCase("[\"a\", 5]", "every item must be a string id")]
    [TestCase("[\"a\", ", "not valid JSON")]
    public void Anything_else_is_refused_naming_the_bad_part(string text, string part) =>
        FluentActions.Invoking(() => IdListParser.Parse(text)).Should().Throw<FormatException>().Which.Message.Should().Contain(part);

    [Test]
    public void An_id_is_at_most_300_characters()
    {
        IdListParser.IsValidId(new string('a', 300)).Should().BeTrue();
        IdListParser.IsValidId(new string('a', 301)).Should().BeFalse();
        FluentActions.Invoking(() => IdListParser.Parse(new string('a', 301))).Should().Throw<FormatException>();
    }

    [Test]
    public void A_long_bad_id_is_quoted_back_shortened() =>
        FluentActions.Invoking(() => IdListParser.Parse(new string('/', 500)))
            .Should().Throw<FormatException>().Which.Message.Length.Should().BeLessThan(300);
}
