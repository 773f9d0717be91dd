using System.Diagnostics;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Packaging;

/// <summary>packaging/fn-aws-guardduty.service: accepted by <c>systemd-analyze verify</c> (Debian package systemd) and hardened as the README says.</summary>
public class SystemdUnitTests
{
    private static readonly string UnitPath = Path.Combine(RepositoryFiles.Root, "packaging", "fn-aws-guardduty.service");

    [Test]
    public async Task Systemd_analyze_verify_accepts_the_unit_with_no_warning()
    {
        File.Exists("/usr/bin/systemd-analyze").Should().BeTrue("systemd-analyze comes with the Debian package systemd, which the tests need");
        using var folder = new TemporaryFolder();
        // The same unit, its ExecStart pointing at the built app (verify checks that the binary exists and is executable).
        var app = AppProcessStart.BesideThisAssembly;
        File.Exists(app).Should().BeTrue();
        var text = File.ReadAllText(UnitPath).Replace("ExecStart=/opt/fn-aws-guardduty/fn-aws-guardduty run", $"ExecStart={app} run", StringComparison.Ordinal);
        text.Should().Contain($"ExecStart={app} run");
        var copy = Path.Combine(folder.Path, "fn-aws-guardduty.service");
        File.WriteAllText(copy, text);

        var (exit, output) = await RunAsync("/usr/bin/systemd-analyze", "verify", copy);

        output.Should().BeEmpty("verify prints a line for every unknown key, bad value or missing binary");
        exit.Should().Be(0);
    }

    [Test]
    public async Task Verify_would_catch_an_unknown_key()
    {
        using var folder = new TemporaryFolder();
        var copy = Path.Combine(folder.Path, "fn-aws-guardduty.service");
        File.WriteAllText(copy, File.ReadAllText(UnitPath)
            .Replace("ExecStart=/opt/fn-aws-guardduty/fn-aws-guardduty run", $"ExecStart={AppProcessStart.BesideThisAssembly} run", StringComparison.Ordinal)
            .Replace("UMask=0077", "UMask=0077\nProtectEverything=yes", StringComparison.Ordinal));

        var (_, output) = await RunAsync("/usr/bin/systemd-analyze", "verify", copy);

        output.Should().Contain("Unknown key 'ProtectEverything'");
    }

    [Test]
    public void The_unit_is_notify_with_a_watchdog_and_hardened()
    {
        var settings = File.ReadAllLines(UnitPath).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => p[1]).ToList());
        string One(string key) => settings.Should().ContainKey(key).WhoseValue.Should().ContainSingle().Subject;

        One("Type").Should().Be("notify");
        One("NotifyAccess").Should().Be("main");
        One("WatchdogSec").Should().Be("30");
        One("UMask").Should().Be("0077");
        One("ProtectHome").Should().Be("read-only");
        One("ProtectSystem").Should().Be("strict");
        One("RestrictAddressFamilies").Should().Be("AF_UNIX AF_INET AF_INET6");
        One("CapabilityBoundingSet").Should().BeEmpty();
        One("SystemCallFilter").Should().Be("@system-service");
        One("StateDirectory").Should().Be("fn-aws-guardduty");
        One("LogsDirectory").Should().Be("fn-aws-guardduty");
        settings["Environment"].Should().Contain("FN_AWS_GUARDDUTY_STATE_DIR=/var/lib/fn-aws-guardduty").And.Contain("APP_LOG_DIR=/var/log/fn-aws-guardduty");
        settings.Should().NotContainKey("MemoryDenyWriteExecute", "the .NET JIT needs memory that is written and then executed");

        var stop = TimeSpan.FromSeconds(int.Parse(One("TimeoutStopSec"), System.Globalization.CultureInfo.InvariantCulture));
        stop.Should().BeGreaterThanOrEqualTo(new FunctionListenerOptions().ShutdownGrace + AppRuntimeServiceCollectionExtensions.ShutdownMargin,
            "systemd must not SIGKILL the app while running functions finish within the listener's grace");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fn-unit-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
