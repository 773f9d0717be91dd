using Fn.AwsGuardDuty.Hosting;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Infrastructure;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>The built <c>fn-aws-guardduty</c> executable run as a real process: exit codes, stdout/stderr, SIGTERM.</summary>
[NonParallelizable]
public class ExecutableTests
{
    private const int SigTerm = 15;
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp()
    {
        // The app and its tests target Linux: on another OS this fails rather than skips.
        OperatingSystem.IsWindows().Should().BeFalse("SIGTERM is a POSIX signal");

        _files = new TestConfigFiles();
    }

    [TearDown]
    public void TearDown() => _files?.Dispose();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string Executable => Path.Combine(TestContext.CurrentContext.TestDirectory, "fn-aws-guardduty");

    private Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _files.Work,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only what the test means: no inherited app.config location or log level.
        info.Environment.Remove("APP_CONFIG_FILE");
        info.Environment.Remove("LOGLEVEL");
        info.Environment.Remove("APP_LOG_DIR");
        info.Environment["HOME"] = _files.Home;
        return Process.Start(info)!;
    }

    [Test]
    public async Task A_broken_config_exits_2_with_one_line_on_stderr()
    {
        var path = _files.Write(TestConfigFiles.Valid().Replace("org = Test Org", ""));
        using var process = Start("run", "-c", path);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        process.ExitCode.Should().Be(ExitCodes.ConfigurationError);
        (await stderr).Should().Be("app.config: [resilient] org: is required (the org's name, uuid or cloud_account)" + Environment.NewLine);
        (await stdout).Should().BeEmpty();
    }

    [Test]
    [Category("Broker")]
    public async Task Run_against_the_sandbox_subscribes_and_exits_0_on_SIGTERM_with_no_secret_in_the_log()
    {
        var broker = await SharedActiveMqBroker.GetAsync();
        await using var sandbox = await AppSandbox.StartAsync(broker);
        var path = sandbox.WriteConfig();
        using var process = Start("run", "-c", path);
        var subscribed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains($"Subscribed to {sandbox.Queue}", StringComparison.Ordinal))
            {
                subscribed.TrySetResult(e.Data);
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();

        try
        {
            var line = await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            line.Should().MatchRegex(@"\d+ ms after start \(process up \d+ ms\)");
            TestContext.Out.WriteLine($"start-up: {line}");
            Kill(process.Id, SigTerm).Should().Be(0);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        process.ExitCode.Should().Be(ExitCodes.Ok);
        (await stderr).Should().BeEmpty();
        var log = sandbox.ReadLog();
        log.Should().Contain($"fn-aws-guardduty {AppVersion.Current} started")
            .And.Contain("Function listener stopped")
            .And.Contain("disconnected (receipt received)")
            .And.Contain("fn-aws-guardduty stopped");
        lock (output)
        {
            output.ToString().Should().Contain("fn-aws-guardduty stopped");
            foreach (var secret in sandbox.Secrets)
            {
                log.Should().NotContain(secret);
                output.ToString().Should().NotContain(secret);
            }
        }
    }

    [Test]
    public async Task SIGTERM_while_SOAR_is_still_being_reached_ends_the_process_with_exit_0()
    {
        await using var sandbox = await AppSandbox.StartAsync(broker: null);
        var path = sandbox.WriteConfig();
        // Nothing listens on SOAR's port, and each retry waits 30 s: run is still reaching SOAR when the signal comes.
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace($"port = {sandbox.Soar.Port}\n", $"port = {sandbox.StompPort}\n")
            .Replace("request_max_retries = 2", "request_max_retries = 10")
            .Replace("request_retry_delay = 1", "request_retry_delay = 30"));
        using var process = Start("run", "-c", path);
        var loggingIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Logging in to SOAR", StringComparison.Ordinal) == true)
            {
                loggingIn.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();

        try
        {
            await loggingIn.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Kill(process.Id, SigTerm).Should().Be(0);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        process.ExitCode.Should().Be(ExitCodes.Ok);
        (await stderr).Should().BeEmpty();
        sandbox.ReadLog().Should().Contain("stopped during start-up");
    }
}
