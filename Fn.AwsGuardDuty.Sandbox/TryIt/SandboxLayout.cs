namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>Where the try-it sandbox keeps its files, all under one folder (<c>.sandbox/</c>, git-ignored).</summary>
public sealed class SandboxLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string AppConfig => Path.Combine(Root, "app.config");

    /// <summary>The sandbox CA (PEM): signs the SOAR REST and STOMP certificates; the app's cafile and stomp_cafile.</summary>
    public string CaFile => Path.Combine(Root, "ca.pem");

    /// <summary>NLog configuration of the in-process app: its log goes to the file only, the console is the sandbox's.</summary>
    public string NLogConfig => Path.Combine(Root, "NLog.config");

    public string LogDirectory => Path.Combine(Root, "logs");

    public string LogFile => Path.Combine(LogDirectory, "app.log");

    /// <summary>The app's checkpoints (aws_gd_state_dir).</summary>
    public string StateDirectory => Path.Combine(Root, "state");

    /// <summary>A curl config holding the analyst's SOAR API key, so the secret never appears on the console.</summary>
    public string SoarCurlConfig => Path.Combine(Root, "soar.curlrc");

    /// <summary>A ready-made finding to POST to the GuardDuty emulator's admin route.</summary>
    public string ExampleFinding => Path.Combine(Root, "example-finding.json");

    /// <summary>Makes the folders. Checkpoints and logs of an earlier run are removed: every run starts with empty stand-ins.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Root);
        foreach (var folder in new[] { StateDirectory, LogDirectory })
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>A path as the user would type it from the current folder (relative when it is below it).</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
