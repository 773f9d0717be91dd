using System.Text;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class IniFileReaderTests
{
    [Test]
    public void Reads_sections_keys_and_values_through_the_ini_provider()
    {
        var doc = IniFileReader.Read("""
            # comment
            ; another comment
            / a slash comment (the provider's third comment marker)
            [resilient]
            Host = soar.example.com
            port = 443
            org =   My Org  
            empty =
            password = a;b#c=d:e
            quoted = "the provider strips one pair"
            single = 'single quotes stay'
            percent = 100%(x)s
            name:with:colons = 1
            """);

        doc.Get("resilient", "host").Should().Be("soar.example.com");
        doc.Get("resilient", "HOST").Should().Be("soar.example.com", "keys are case-insensitive");
        doc.Get("resilient", "port").Should().Be("443");
        doc.Get("resilient", "org").Should().Be("My Org");
        doc.Get("resilient", "empty").Should().Be("");
        doc.Get("resilient", "password").Should().Be("a;b#c=d:e", "inline ; and # are not comments, and the first '=' splits");
        doc.Get("resilient", "quoted").Should().Be("the provider strips one pair");
        doc.Get("resilient", "single").Should().Be("'single quotes stay'");
        doc.Get("resilient", "percent").Should().Be("100%(x)s", "interpolation is off");
        doc.Get("resilient", "name:with:colons").Should().Be("1", "a ':' in a key stays in the key, not a section path");
        doc.FindSection("resilient")!.Entries.Select(e => e.Key).Should()
            .Equal("host", "port", "org", "empty", "password", "quoted", "single", "percent", "name:with:colons");
    }

    [Test]
    public void Only_one_pair_of_double_quotes_is_stripped_which_suits_aws_gd_regions()
    {
        var doc = IniFileReader.Read("[g]\naws_gd_regions = \".*\"\ntwice = \"\"x\"\"\nlone = \"\n");
        doc.Get("g", "aws_gd_regions").Should().Be(".*");
        RegionFilter.TryParse(doc.Get("g", "aws_gd_regions")!, out var filter, out _).Should().BeTrue();
        filter!.Matches("eu-west-1").Should().BeTrue();
        doc.Get("g", "twice").Should().Be("\"x\"");
        doc.Get("g", "lone").Should().Be("\"");
    }

    [Test]
    public void Skips_a_utf8_bom_in_bytes_and_text()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[a]\nk = v\n")).ToArray();
        IniFileReader.Read(bytes).Get("a", "k").Should().Be("v");
        IniFileReader.Read("\uFEFF[a]\nk = v").Get("a", "k").Should().Be("v");
    }

    [Test]
    public void Rejects_invalid_utf8()
    {
        var act = () => IniFileReader.Read(new byte[] { (byte)'[', (byte)'a', (byte)']', 10, 0xFF, 0xFE, 10 });
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: the file is not valid UTF-8 text");
    }

    [Test]
    public void Handles_crlf_line_endings()
    {
        IniFileReader.Read("[a]\r\nk = v\r\nx = y\r\n").Get("a", "x").Should().Be("y");
    }

    [Test]
    public void A_colon_is_not_a_delimiter_and_the_line_is_rejected_without_showing_it()
    {
        var act = () => IniFileReader.Read("[a]\nx = 1\npassword: hunter2secret\n");
        act.Should().Throw<ConfigurationException>()
            .WithMessage("app.config: line 3: a line is not 'key = value', a [section] header or a comment")
            .Which.Message.Should().NotContain("hunter2secret");
    }

    [Test]
    public void Indented_lines_do_not_continue_a_value()
    {
        var doc = IniFileReader.Read("[a]\nk = first\n  second = 2\nnext = 1\n");
        doc.Get("a", "k").Should().Be("first");
        doc.Get("a", "second").Should().Be("2", "an indented line is a key of its own");

        var act = () => IniFileReader.Read("[a]\nk = first\n  second\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: line 3: a line is not*");
    }

    [Test]
    public void Section_names_are_case_sensitive()
    {
        var doc = IniFileReader.Read("[Resilient]\nhost = x\n");
        doc.FindSection("resilient").Should().BeNull();
        doc.FindSection("Resilient").Should().NotBeNull();
    }

    [Test]
    public void Sections_keep_file_order_including_sections_without_keys()
    {
        var doc = IniFileReader.Read("[z]\nk = 1\n[empty]\n# only a comment\n[a:b]\nc = 2\n[a]\nc = 3\n");
        doc.Sections.Select(s => s.Name).Should().Equal("z", "empty", "a:b", "a");
        doc.FindSection("empty")!.Entries.Should().BeEmpty();
        doc.Get("a:b", "c").Should().Be("2", "a section name with ':' is told apart from its prefix by the header scan");
        doc.Get("a", "c").Should().Be("3");
    }

    [Test]
    public void The_DEFAULT_section_supplies_values_to_every_section()
    {
        var doc = IniFileReader.Read("[DEFAULT]\nloglevel = DEBUG\nx = 1\n[a]\nx = 2\n");
        doc.Get("a", "loglevel").Should().Be("DEBUG");
        doc.Get("a", "x").Should().Be("2");
        doc.Get("missing", "x").Should().Be("1");
    }

    [Test]
    public void A_duplicate_key_is_an_error_naming_section_and_key()
    {
        var act = () => IniFileReader.Read("[resilient]\nhost = a\nport = 1\nHOST = b\n");
        act.Should().Throw<ConfigurationException>()
            .WithMessage("app.config: [resilient] host: key appears twice in the section");
    }

    [Test]
    public void A_duplicate_key_in_a_section_whose_name_has_a_colon_names_the_whole_section()
    {
        var act = () => IniFileReader.Read("[a]\nx = 0\n[a:b]\nkey = 1\nkey = 2\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: [a:b] key: key appears twice in the section");
    }

    [Test]
    public void A_duplicate_section_is_an_error()
    {
        var act = () => IniFileReader.Read("[a]\nx = 1\n[a]\ny = 2\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: [a]: section appears twice");
    }

    [Test]
    public void A_key_before_any_section_is_an_error()
    {
        var act = () => IniFileReader.Read("host = a\n[a]\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: host: appears before any [section] header");
    }

    [Test]
    public void A_line_without_a_delimiter_is_an_error_with_its_line_number()
    {
        var act = () => IniFileReader.Read("[a]\nx = 1\njust words\n");
        act.Should().Throw<ConfigurationException>()
            .WithMessage("app.config: line 3: a line is not 'key = value', a [section] header or a comment");
    }

    [Test]
    public void A_broken_section_header_is_an_error()
    {
        var act = () => IniFileReader.Read("[a\nx = 1\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: line 1: a line is not*");

        var empty = () => IniFileReader.Read("[]\n");
        empty.Should().Throw<ConfigurationException>().WithMessage("app.config: a section header must look like [name]");
    }

    [Test]
    public void A_missing_key_name_is_an_error()
    {
        var act = () => IniFileReader.Read("[a]\n= novalue\n");
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: [a]: a key name is missing before the '='");
    }

    [Test]
    public void The_provider_stops_at_its_first_error_and_the_layer_collects_all_of_its_own()
    {
        var first = () => IniFileReader.Read("[a]\nbad line\n= novalue\nx = 1\nx = 2\n");
        first.Should().Throw<ConfigurationException>().Which.Problems.Should().ContainSingle()
            .Which.Line.Should().Be(2);

        var layer = () => IniFileReader.Read("k = 1\n[a]\n= v\n[a]\ny = 2\n");
        layer.Should().Throw<ConfigurationException>().Which.Problems.Should().HaveCount(3);
    }
}
