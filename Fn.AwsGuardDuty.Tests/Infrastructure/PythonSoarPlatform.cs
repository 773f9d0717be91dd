using System.Diagnostics;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>Runs <c>soar_platform.py</c> (stomp.py, under the system /usr/bin/python3) as the SOAR platform.</summary>
public static class PythonSoarPlatform
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Null when python3 with stomp.py is available, else the reason.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is not installed";
        }

        if (ScriptPath() is null)
        {
            return "soar_platform.py not found next to the tests or in the source tree";
        }

        var check = Process.Start(new ProcessStartInfo(Python, "-c \"import stomp\"") { RedirectStandardError = true, UseShellExecute = false })!;
        check.WaitForExit(10_000);
        return check.ExitCode == 0 ? null : "python3-stomp (stomp.py) is not installed for /usr/bin/python3";
    }

    public static async Task<JObject> RunAsync(ActiveMqBroker broker, int orgId, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath()!);
        foreach (var argument in new[]
                 {
                     "--port", broker.StompPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--login", broker.Username, "--passcode", broker.Password,
                     "--org", orgId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new InvalidOperationException($"soar_platform.py exited {process.ExitCode} without output: {await stderr}");
        }

        return JObject.Parse(output);
    }

    /// <summary>
    /// The script next to the test assembly when the project copies it there, else in the source tree (found from
    /// this file's compile-time path), so it works without a build-output rule.
    /// </summary>
    private static string? ScriptPath([CallerFilePath] string sourceFile = "")
    {
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Infrastructure", "soar_platform.py"),
            Path.Combine(AppContext.BaseDirectory, "soar_platform.py"),
            Path.Combine(Path.GetDirectoryName(sourceFile) ?? "", "soar_platform.py"),
        };
        return candidates.FirstOrDefault(File.Exists);
    }
}
