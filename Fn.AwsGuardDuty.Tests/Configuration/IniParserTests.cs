using System.Text;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class IniParserTests
{
    [Test]
    public void Reads_sections_keys_and_values_like_configparser()
    {
        var doc = IniParser.Parse("""
            # comment
            ; another comment
            [resilient]
            Host = soar.example.com
            port: 443
            org =   My Org  
            empty =
            password = a;b#c=d:e
            quoted = "keep the quotes"
            percent = 100%(x)s
            """);

        doc.Get("resilient", "host").Should().Be("soar.example.com");
        doc.Get("resilient", "HOST").Should().Be("soar.example.com", "keys are case-insensitive");
        doc.Get("resilient", "port").Should().Be("443", "':' is a delimiter too");
        doc.Get("resilient", "org").Should().Be("My Org");
        doc.Get("resilient", "empty").Should().Be("");
        doc.Get("resilient", "password").Should().Be("a;b#c=d:e", "inline ; and # are not comments, and the first delimiter splits");
        doc.Get("resilient", "quoted").Should().Be("\"keep the quotes\"");
        doc.Get("resilient", "percent").Should().Be("100%(x)s", "interpolation is off");
        doc.FindSection("resilient")!.Entries.Select(e => e.Key).Should().Equal("host", "port", "org", "empty", "password", "quoted", "percent");
    }

    [Test]
    public void Skips_a_utf8_bom_in_bytes_and_text()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[a]\nk = v\n")).ToArray();
        IniParser.Parse(bytes).Get("a", "k").Should().Be("v");
        IniParser.Parse("\uFEFF[a]\nk = v").Get("a", "k").Should().Be("v");
    }

    [Test]
    public void Rejects_invalid_utf8()
    {
        var act = () => IniParser.Parse(new byte[] { (byte)'[', (byte)'a', (byte)']', 10, 0xFF, 0xFE, 10 });
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: the file is not valid UTF-8 text");
    }

    [Test]
    public void Handles_crlf_line_endings()
    {
        IniParser.Parse("[a]\r\nk = v\r\nx = y\r\n").Get("a", "x").Should().Be("y");
    }

    [Test]
    public void Indented_lines_continue_the_previous_value_until_a_blank_line()
    {
        var doc = IniParser.Parse("[a]\nk = first\n  second\n\tthird\nnext = 1\n");
        doc.Get("a", "k").Should().Be("first\nsecond\nthird");
        doc.Get("a", "next").Should().Be("1");
    }

    [Test]
    public void Section_names_are_case_sensitive()
    {
        var doc = IniParser.Parse("[Resilient]\nhost = x\n");
        doc.FindSection("resilient").Should().BeNull();
        doc.FindSection("Resilient").Should().NotBeNull();
    }

    [Test]
    public void The_DEFAULT_section_supplies_values_to_every_section()
    {
        var doc = IniParser.Parse("[DEFAULT]\nloglevel = DEBUG\nx = 1\n[a]\nx = 2\n");
        doc.Get("a", "loglevel").Should().Be("DEBUG");
        doc.Get("a", "x").Should().Be("2");
        doc.Get("missing", "x").Should().Be("1");
    }

    [Test]
    public void A_duplicate_key_is_an_error_naming_section_key_and_lines()
    {
        var act = () => IniParser.Parse("[resilient]\nhost = a\nport = 1\nHOST = b\n");
        act.Should().Throw<ConfigurationException>()
            .WithMessage("app.config: [resilient] host: key appears twice in the section (lines 2 and 4)");
    }

    [Test]
    public void A_duplicate_section_is_an_error()
    {
        var act = () => IniParser.Parse("[a]\nx = 1\n[a]\ny = 2\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: [a]: section appears twice (lines 1 and 3)");
    }

    [Test]
    public void A_key_before_any_section_is_an_error()
    {
        var act = () => IniParser.Parse("host = a\n[a]\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: host: line 1: appears before any [section] header");
    }

    [Test]
    public void A_line_without_a_delimiter_is_an_error_with_its_line_number()
    {
        var act = () => IniParser.Parse("[a]\nx = 1\njust words\n");
        act.Should().Throw<ConfigurationException>()
            .WithMessage("app.config: [a]: line 3: expected 'key = value', a [section] header or a comment");
    }

    [Test]
    public void A_broken_section_header_is_an_error()
    {
        var act = () => IniParser.Parse("[a\nx = 1\n");
        act.Should().Throw<ConfigurationException>().WithMessage("*line 1: a section header must look like [name]*");
    }

    [Test]
    public void Every_syntax_problem_is_collected()
    {
        var act = () => IniParser.Parse("[a]\nbad line\n= novalue\nx = 1\nx = 2\n");
        act.Should().Throw<ConfigurationException>().Which.Problems.Should().HaveCount(3);
    }
}
