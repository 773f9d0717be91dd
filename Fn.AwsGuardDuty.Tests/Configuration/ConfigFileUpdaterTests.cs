using System.Text;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class ConfigFileUpdaterTests
{
    private const string Old = """
        # my settings
        [resilient]
        host = soar.corp
        ;port = 443
        org = Corp
        api_key_id = id
        api_key_secret = $SECRET
        # trailing comment of resilient

        [fn_aws_guardduty]
        aws_gd_access_key_id = AKIA
        aws_gd_secret_access_key = $AWS_SECRET
        aws_gd_master_region = eu-west-1
        aws_gd_regions = "^eu"
        aws_gd_polling_interval = 5

        [custom_section]
        x = 1
        """;

    [Test]
    public void Adds_only_missing_keys_and_keeps_every_existing_line()
    {
        var (text, added) = ConfigFileUpdater.Update(Old);

        var oldLines = Old.Split('\n');
        var newLines = text.Split('\n');
        // Every old line survives, in order.
        var index = 0;
        foreach (var line in newLines)
        {
            if (index < oldLines.Length && line == oldLines[index])
            {
                index++;
            }
        }

        index.Should().Be(oldLines.Length);

        added.Should().NotContain("[resilient] host").And.NotContain("[resilient] port", "a commented-out key counts as present")
            .And.NotContain("[fn_aws_guardduty] aws_gd_regions");
        added.Should().Contain("[resilient] stomp_port").And.Contain("[fn_aws_guardduty] aws_gd_update_mode").And.Contain("[integrations] timeout");
        added.Should().HaveCount(ConfigKeyCatalog.Keys.Count - 10);

        var doc = IniFileReader.Read(text);
        doc.Get("resilient", "host").Should().Be("soar.corp");
        doc.Get("fn_aws_guardduty", "aws_gd_polling_interval").Should().Be("5");
        doc.Get("resilient", "stomp_port").Should().Be("65001");
        doc.Get("custom_section", "x").Should().Be("1");
        text.IndexOf("stomp_port", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("[fn_aws_guardduty]", StringComparison.Ordinal),
            "keys go into their own section");
        text.IndexOf("\n[integrations]\n", StringComparison.Ordinal).Should().BeGreaterThan(text.IndexOf("[custom_section]", StringComparison.Ordinal),
            "a missing section is appended");
    }

    [Test]
    public void A_second_update_adds_nothing()
    {
        var (once, _) = ConfigFileUpdater.Update(Old);
        var (twice, added) = ConfigFileUpdater.Update(once);
        added.Should().BeEmpty();
        twice.Should().Be(once);
    }

    [Test]
    public void The_default_config_needs_no_update() =>
        ConfigFileUpdater.Update(DefaultConfigWriter.Write()).Added.Should().BeEmpty();

    [Test]
    public void Crlf_files_stay_crlf()
    {
        var (text, _) = ConfigFileUpdater.Update(Old.Replace("\n", "\r\n"));
        text.Replace("\r\n", "").Should().NotContain("\n");
    }

    [Test]
    public void UpdateFile_keeps_a_bom_and_writes_atomically()
    {
        using var files = new TestConfigFiles();
        var path = files.Write("");
        File.WriteAllBytes(path, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Old)).ToArray());
        var added = ConfigFileUpdater.UpdateFile(path);
        added.Should().NotBeEmpty();
        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()).Should().BeTrue();
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("no temp file is left behind");
        IniFileReader.Read(bytes).Get("resilient", "num_workers").Should().Be("10");
    }
}
