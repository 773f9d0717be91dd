using Fn.AwsGuardDuty.Functions;

namespace Fn.AwsGuardDuty.Tests.Functions;

public class TagParserTests
{
    private static IReadOnlyDictionary<string, string> Tags(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Blank_text_means_no_tags(string? text) => TagParser.Parse(text).Should().BeEmpty();

    [Test]
    public void The_references_form_is_read_with_trimmed_keys_and_values() =>
        TagParser.Parse(" k1:v1, k2 : v2 ").Should().Equal(Tags(("k1", "v1"), ("k2", "v2")));

    [Test]
    public void A_value_keeps_every_colon_after_the_first() =>
        TagParser.Parse("url:https://example.com:8443/a, time:12:30:00")
            .Should().Equal(Tags(("url", "https://example.com:8443/a"), ("time", "12:30:00")));

    [Test]
    public void A_quoted_value_holds_commas_spaces_and_escaped_quotes() =>
        TagParser.Parse("owner:\"ops, sec\", pad:\"  x  \", q:\"say \\\"hi\\\" \\\\ bye\"")
            .Should().Equal(Tags(("owner", "ops, sec"), ("pad", "  x  "), ("q", "say \"hi\" \\ bye")));

    [Test]
    public void A_quoted_key_may_hold_a_colon_or_comma() =>
        TagParser.Parse("\"a:b,c\":v").Should().Equal(Tags(("a:b,c", "v")));

    [Test]
    public void Empty_entries_and_a_trailing_comma_are_skipped() =>
        TagParser.Parse("a:1,, ,b:2,").Should().Equal(Tags(("a", "1"), ("b", "2")));

    [Test]
    public void An_empty_value_is_allowed() =>
        TagParser.Parse("a:, b:\"\"").Should().Equal(Tags(("a", ""), ("b", "")));

    [Test]
    public void A_JSON_object_is_accepted_with_scalar_values_as_text() =>
        TagParser.Parse("{\"k\":\"a,b\", \"n\": 5, \"t\": true, \"d\": \"2024-04-11T05:47:16.625Z\"}")
            .Should().Equal(Tags(("k", "a,b"), ("n", "5"), ("t", "true"), ("d", "2024-04-11T05:47:16.625Z")));

    [Test]
    public void The_order_written_is_kept() =>
        TagParser.Parse("z:1, a:2, m:3").Keys.Should().Equal("z", "a", "m");

    [TestCase("k1:v1, k2", "has 'k2' without a ':' between key and value")]
    [TestCase("k1 k2:v2, k3", "has 'k3' without a ':'")]
    [TestCase(":v", "has a tag with an empty key (value 'v')")]
    [TestCase("a:1, a:2", "gives the key 'a' twice")]
    [TestCase("\"aws:x\":1", "keys starting with 'aws:' are reserved by AWS")]
    [TestCase("a:\"unterminated", "has a quote that is never closed")]
    [TestCase("a:\"x\" y, b:2", "has text after the quoted value of 'a'")]
    [TestCase("{\"a\": {\"b\": 1}}", "gives the key 'a' a value that is not text")]
    [TestCase("{\"a\": 1", "looks like a JSON object but is not valid JSON")]
    public void Unreadable_text_is_refused_with_the_reason_rather_than_dropped(string text, string reason)
    {
        var act = () => TagParser.Parse(text);

        act.Should().Throw<FormatException>().Which.Message.Should().Contain(reason);
    }

    [Test]
    public void GuardDutys_limits_are_enforced()
    {
        var tooMany = string.Join(",", Enumerable.Range(0, TagParser.MaxTags + 1).Select(i => $"k{i}:v"));
        var longKey = new string('k', TagParser.MaxKeyLength + 1) + ":v";
        var longValue = "k:" + new string('v', TagParser.MaxValueLength + 1);

        FluentActions.Invoking(() => TagParser.Parse(tooMany)).Should().Throw<FormatException>().WithMessage("*at most 200*");
        FluentActions.Invoking(() => TagParser.Parse(longKey)).Should().Throw<FormatException>().WithMessage("*longer than 128*");
        FluentActions.Invoking(() => TagParser.Parse(longValue)).Should().Throw<FormatException>().WithMessage("*longer than 256*");
        TagParser.Parse(string.Join(",", Enumerable.Range(0, TagParser.MaxTags).Select(i => $"k{i}:v"))).Should().HaveCount(200);
    }
}
