using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class DefaultConfigTests
{
    private static readonly string Default = DefaultConfigWriter.Write();

    [Test]
    public void Every_catalog_key_is_in_the_default_config_with_its_comment()
    {
        var doc = IniFileReader.Read(Default);
        foreach (var key in ConfigKeyCatalog.Keys)
        {
            var section = doc.FindSection(key.Section);
            section.Should().NotBeNull(key.Section);
            if (key.Commented)
            {
                Default.Should().Contain($"#{key.Name} = {key.Value}\n");
                section!.Contains(key.Name).Should().BeFalse();
            }
            else
            {
                section!.Find(key.Name)!.Value.Should().Be(key.Value, key.Name);
            }
        }
    }

    [Test]
    public void Keys_are_unique_per_section_and_secrets_are_environment_references()
    {
        ConfigKeyCatalog.Keys.GroupBy(k => (k.Section, k.Name)).Should().OnlyContain(g => g.Count() == 1);
        ConfigKeyCatalog.Keys.Where(k => k.IsSecret).Should().OnlyContain(k => k.Value.StartsWith("${"));
    }

    [Test]
    public void Every_key_the_readers_bind_is_documented()
    {
        // Each reader key appears in a Read call as a string literal; the catalog must list it.
        var sources = new[]
        {
            ("ResilientOptionsReader.cs", ConfigSections.Resilient), ("GuardDutyOptionsReader.cs", ConfigSections.GuardDuty),
            ("IntegrationsOptionsReader.cs", ConfigSections.Integrations),
        };
        foreach (var (file, section) in sources)
        {
            var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Fn.AwsGuardDuty", "Configuration", file));
            var keys = System.Text.RegularExpressions.Regex.Matches(text, "(?<!app)\\.\\w+(?:<\\w+>)?\\(\"([a-z0-9_]+)\"")
                .Select(m => m.Groups[1].Value).ToList();
            keys.Should().NotBeEmpty();
            foreach (var key in keys)
            {
                ConfigKeyCatalog.Find(section, key).Should().NotBeNull($"[{section}] {key} is read in {file}");
            }
        }

        ConfigKeyCatalog.Find(ConfigSections.GuardDuty, "message_destination").Should().NotBeNull();
    }

    [Test]
    public void The_default_config_loads_once_the_secrets_are_in_the_environment()
    {
        using var files = new TestConfigFiles();
        files.Variables["SOAR_API_KEY_ID"] = "key-id";
        files.Variables["SOAR_API_KEY_SECRET"] = "key-secret-value";
        var config = files.Load(Default);
        config.Resilient.Host.Should().Be("soar.example.com");
        config.Resilient.ApiKeySecret!.Reveal().Should().Be("key-secret-value");
        config.GuardDuty.Regions!.Matches("eu-north-1").Should().BeTrue();
        config.Warnings.Should().BeEmpty();
    }

    [Test]
    public void The_default_config_without_the_environment_names_the_missing_secret()
    {
        using var files = new TestConfigFiles();
        files.Problems(Default).Select(p => p.ToString()).Should().Equal(
            "app.config: [resilient] api_key_secret: refers to the environment variable SOAR_API_KEY_SECRET, which is not set");
    }

    [Test]
    public void The_default_config_with_every_example_turned_on_loads()
    {
        using var files = new TestConfigFiles();
        foreach (var name in new[] { "SOAR_API_KEY_ID", "SOAR_API_KEY_SECRET", "SOAR_PASSWORD", "AWS_GD_ACCESS_KEY_ID", "AWS_GD_SECRET_ACCESS_KEY", "AWS_GD_SESSION_TOKEN" })
        {
            files.Variables[name] = "value-of-" + name;
        }

        var text = Default;
        foreach (var key in ConfigKeyCatalog.Keys.Where(k => k.Commented))
        {
            text = text.Replace($"#{key.Name} = {key.Value}\n", $"{key.Name} = {key.Value}\n");
        }

        // Example paths must exist to load; point them at real files.
        var pem = files.WriteCa("work/ca.pem");
        var close = files.Write("{}", "work/close.json");
        text = text.Replace("/etc/pki/tls/certs/soar-ca.pem", pem).Replace("/etc/fn_aws_guardduty/incident_close.json", close)
            .Replace("aws_gd_use_fips = false", "aws_gd_use_fips = false");
        var config = files.Load(text);
        config.GuardDuty.HasStaticKeys.Should().BeTrue();
        config.GuardDuty.RoleArn.Should().NotBeNull();
        config.Resilient.LogDir.Should().Be(Path.Combine(files.Home, ".resilient", "logs"));
    }

    [Test]
    public void The_repository_app_config_is_the_writer_output()
    {
        var path = Path.Combine(RepositoryFiles.Root, "app.config");
        File.ReadAllText(path).Should().Be(Default, "regenerate it with `fn-aws-guardduty config > app.config`");
    }
}
