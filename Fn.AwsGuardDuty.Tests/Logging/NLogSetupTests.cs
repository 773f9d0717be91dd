using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NLog.Config;
using NLog.Targets;

namespace Fn.AwsGuardDuty.Tests.Logging;

public class NLogSetupTests
{
    private const string Secret = "Sup3r-Secret-Value!";
    private const string AwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "fn-gd-log-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string ShippedNLogConfig => Path.Combine(TestContext.CurrentContext.TestDirectory, NLogSetup.FileName);

    private LogSettings Settings(string level = "INFO", bool withDir = true) =>
        new(withDir ? _dir : null, "test.log", level, 100_000, 2);

    [Test]
    public void The_shipped_NLog_config_is_beside_the_binaries() => File.Exists(ShippedNLogConfig).Should().BeTrue();

    [Test]
    public void Secrets_are_masked_in_messages_parameters_and_exceptions_written_to_the_log_file()
    {
        var redactor = new SecretRedactor([Secret, AwsSecret]);
        using (var factory = NLogSetup.Create(Settings(), redactor, ShippedNLogConfig))
        {
            var log = factory.GetLogger("Test");
            log.Info("plain " + Secret);
            log.Info("param {0} and {1}", Secret, AwsSecret);
            log.Error(new InvalidOperationException("failed with " + AwsSecret), "exception");
            factory.Flush();
        }

        var text = File.ReadAllText(Path.Combine(_dir, "test.log"));
        text.Should().Contain("plain ********").And.Contain("param ******** and ********").And.Contain("failed with ********");
        text.Should().NotContain(Secret).And.NotContain(AwsSecret);
    }

    [Test]
    public void Secrets_are_masked_through_Microsoft_Extensions_Logging_too()
    {
        var redactor = new SecretRedactor([Secret]);
        using (var factory = NLogSetup.Create(Settings(), redactor, ShippedNLogConfig))
        {
            var services = new ServiceCollection();
            AppHostBuilder.AddLogging(services, factory);
            using (var provider = services.BuildServiceProvider())
            {
                var logger = provider.GetRequiredService<ILogger<NLogSetupTests>>();
                logger.LogWarning("login with {Passcode} to {Host}", Secret, "soar.example.com");
                logger.LogInformation(new Exception("boom " + Secret), "structured");
            }

            factory.Flush();
        }

        var text = File.ReadAllText(Path.Combine(_dir, "test.log"));
        text.Should().Contain("login with ******** to soar.example.com").And.Contain("boom ********");
        text.Should().NotContain(Secret);
        text.Should().Contain("WARN  [NLogSetupTests]");
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_log_folder_that_does_not_exist_is_created_0700()
    {
        var folder = Path.Combine(_dir, "new", "logs");
        using (var factory = NLogSetup.Create(new LogSettings(folder, "test.log", "INFO", 100_000, 2), new SecretRedactor([]), ShippedNLogConfig))
        {
            factory.GetLogger("Test").Info("first line");
            factory.Flush();
        }

        File.Exists(Path.Combine(folder, "test.log")).Should().BeTrue();
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public void Every_target_layout_is_wrapped_even_one_added_by_an_edited_config()
    {
        var config = new LoggingConfiguration();
        var memory = new MemoryTarget("mem") { Layout = "${message}|${exception:format=message}" };
        config.AddRuleForAllLevels(memory);
        NLogSetup.Apply(config, Settings(withDir: false), new SecretRedactor([Secret]));
        using var factory = new NLog.LogFactory { Configuration = config };
        factory.GetLogger("x").Info(new ArgumentException(Secret), "value={0}", Secret);
        factory.Flush();
        memory.Logs.Should().ContainSingle().Which.Should().Be("value=********|********");
    }

    [Test]
    public void The_level_comes_from_the_settings()
    {
        using (var factory = NLogSetup.Create(Settings("WARNING"), SecretRedactor.None, ShippedNLogConfig))
        {
            var log = factory.GetLogger("Test");
            log.Info("info-line");
            log.Debug("debug-line");
            log.Warn("warn-line");
            log.Fatal("fatal-line");
            factory.Flush();
        }

        var text = File.ReadAllText(Path.Combine(_dir, "test.log"));
        text.Should().Contain("warn-line").And.Contain("fatal-line").And.NotContain("info-line").And.NotContain("debug-line");
    }

    [Test]
    public void Debug_level_lets_debug_through()
    {
        using (var factory = NLogSetup.Create(Settings("DEBUG"), SecretRedactor.None, ShippedNLogConfig))
        {
            factory.GetLogger("Test").Debug("debug-line");
            factory.Flush();
        }

        File.ReadAllText(Path.Combine(_dir, "test.log")).Should().Contain("debug-line");
    }

    [Test]
    public void Rotation_settings_reach_the_file_target()
    {
        using var factory = NLogSetup.Create(Settings(), SecretRedactor.None, ShippedNLogConfig);
        var file = factory.Configuration!.AllTargets.Select(NLogSetup.Unwrap).OfType<FileTarget>().Distinct().Single();
        file.ArchiveAboveSize.Should().Be(100_000);
        file.MaxArchiveFiles.Should().Be(2);
    }

    [Test]
    public void Without_a_logdir_logs_go_to_the_console_only()
    {
        using var factory = NLogSetup.Create(Settings(withDir: false), SecretRedactor.None, ShippedNLogConfig);
        var targets = factory.Configuration!.LoggingRules.SelectMany(r => r.Targets).Select(NLogSetup.Unwrap).ToList();
        targets.Should().NotContain(t => t is FileTarget);
        targets.Should().Contain(t => t is ConsoleTarget);
    }

    [Test]
    public void Without_an_NLog_config_file_the_built_in_one_has_the_same_shape()
    {
        var missing = Path.Combine(_dir, "none", "NLog.config");
        using (var factory = NLogSetup.Create(Settings("ERROR"), new SecretRedactor([Secret]), missing))
        {
            factory.Configuration!.AllTargets.Select(NLogSetup.Unwrap).Should().Contain(t => t is ConsoleTarget).And.Contain(t => t is FileTarget);
            var log = factory.GetLogger("Test");
            log.Warn("warn-line");
            log.Error("error " + Secret);
            factory.Flush();
        }

        var text = File.ReadAllText(Path.Combine(_dir, "test.log"));
        text.Should().Contain("error ********").And.NotContain("warn-line");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Targets_are_written_by_the_background_writer_and_no_line_is_lost_under_load(bool shippedFile)
    {
        const int Threads = 4;
        const int PerThread = 3_000; // 12,000 lines: more than the async queue holds, so the writers must wait, not drop
        var path = shippedFile ? ShippedNLogConfig : Path.Combine(_dir, "none", "NLog.config");
        // No rotation here: every line must be found in the one file.
        using (var factory = NLogSetup.Create(new LogSettings(_dir, "test.log", "INFO", 0, 2), SecretRedactor.None, path))
        {
            var ruleTargets = factory.Configuration!.LoggingRules.SelectMany(r => r.Targets).ToList();
            ruleTargets.Should().NotBeEmpty().And.OnlyContain(t => t is NLog.Targets.Wrappers.AsyncTargetWrapper);
            // Lines are gathered for 50 ms, not NLog's 1 ms, so a busy app does not wake a writer for nearly every call.
            ruleTargets.Cast<NLog.Targets.Wrappers.AsyncTargetWrapper>().Should().OnlyContain(t => t.TimeToSleepBetweenBatches == 50);
            var log = factory.GetLogger("Load");
            Parallel.For(0, Threads, t =>
            {
                for (var i = 0; i < PerThread; i++) log.Info("line {0}-{1}", t, i);
            });
        }

        // Disposing the factory (no explicit flush) must have written every queued line.
        var lines = File.ReadAllLines(Path.Combine(_dir, "test.log"));
        lines.Should().HaveCount(Threads * PerThread);
        lines.Should().Contain(l => l.EndsWith("line 3-2999", StringComparison.Ordinal));
    }

    [Test]
    public void Without_an_NLog_config_file_HTTP_client_chatter_is_kept_below_warn_as_in_the_shipped_file()
    {
        foreach (var path in new[] { ShippedNLogConfig, Path.Combine(_dir, "none", "NLog.config") })
        {
            using (var factory = NLogSetup.Create(Settings("DEBUG"), SecretRedactor.None, path))
            {
                factory.GetLogger("System.Net.Http.HttpClient.soar.LogicalHandler").Info("http-info-line");
                factory.GetLogger("System.Net.Http.HttpClient.soar.LogicalHandler").Warn("http-warn-line");
                factory.GetLogger("Microsoft.Extensions.Hosting.Internal.Host").Info("host-info-line");
                factory.Flush();
            }

            var text = File.ReadAllText(Path.Combine(_dir, "test.log"));
            text.Should().Contain("http-warn-line", path).And.NotContain("http-info-line", path).And.NotContain("host-info-line", path);
            File.Delete(Path.Combine(_dir, "test.log"));
        }
    }
}
