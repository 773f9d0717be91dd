using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class ConfigFileLocatorTests
{
    [Test]
    public void The_explicit_path_wins_over_everything()
    {
        using var files = new TestConfigFiles();
        var explicitPath = files.Write("x", "elsewhere/my.config");
        files.Write("x", "work/app.config");
        files.Variables["APP_CONFIG_FILE"] = files.Write("x", "env/app.config");
        ConfigFileLocator.Locate(explicitPath, files.Environment).Should().Be(explicitPath);
    }

    [Test]
    public void A_relative_explicit_path_is_relative_to_the_working_directory()
    {
        using var files = new TestConfigFiles();
        var path = files.Write("x", "work/sub/app.config");
        ConfigFileLocator.Locate("sub/app.config", files.Environment).Should().Be(path);
    }

    [Test]
    public void A_tilde_path_is_under_home()
    {
        using var files = new TestConfigFiles();
        var path = files.Write("x", "home/cfg/app.config");
        ConfigFileLocator.Locate("~/cfg/app.config", files.Environment).Should().Be(path);
    }

    [Test]
    public void APP_CONFIG_FILE_comes_before_the_working_directory()
    {
        using var files = new TestConfigFiles();
        files.Write("x", "work/app.config");
        var fromEnv = files.Write("x", "env/app.config");
        files.Variables["APP_CONFIG_FILE"] = fromEnv;
        ConfigFileLocator.Locate(null, files.Environment).Should().Be(fromEnv);
    }

    [Test]
    public void Then_the_working_directory_then_home_resilient()
    {
        using var files = new TestConfigFiles();
        var home = files.Write("x", "home/.resilient/app.config");
        ConfigFileLocator.Locate(null, files.Environment).Should().Be(home);
        var work = files.Write("x", "work/app.config");
        ConfigFileLocator.Locate(null, files.Environment).Should().Be(work);
    }

    [Test]
    public void A_missing_explicit_file_is_an_error_naming_it()
    {
        using var files = new TestConfigFiles();
        files.Write("x", "work/app.config");
        var act = () => ConfigFileLocator.Locate("/nonexistent/app.config", files.Environment);
        act.Should().Throw<ConfigurationException>().WithMessage("app.config: file not found: /nonexistent/app.config (from --config)");
    }

    [Test]
    public void A_missing_APP_CONFIG_FILE_is_an_error_not_a_fallback()
    {
        using var files = new TestConfigFiles();
        files.Write("x", "work/app.config");
        files.Variables["APP_CONFIG_FILE"] = "/etc/rescircuits/app.config-missing";
        var act = () => ConfigFileLocator.Locate(null, files.Environment);
        act.Should().Throw<ConfigurationException>().WithMessage("*file not found: /etc/rescircuits/app.config-missing (from APP_CONFIG_FILE)");
    }

    [Test]
    public void Nothing_found_lists_the_places_tried()
    {
        using var files = new TestConfigFiles();
        var act = () => ConfigFileLocator.Locate(null, files.Environment);
        act.Should().Throw<ConfigurationException>().WithMessage(
            $"app.config: no configuration file found (tried {Path.Combine(files.Work, "app.config")} and {Path.Combine(files.Home, ".resilient", "app.config")}*");
    }

    [Test]
    public void A_directory_is_not_a_config_file()
    {
        using var files = new TestConfigFiles();
        var act = () => ConfigFileLocator.Locate(files.Work, files.Environment);
        act.Should().Throw<ConfigurationException>().WithMessage("*is a directory, not a file");
    }
}
