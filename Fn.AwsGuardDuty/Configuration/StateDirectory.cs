namespace Fn.AwsGuardDuty.Configuration;

/// <summary>The checkpoint folder (<c>aws_gd_state_dir</c>): created owner-only (0700) and proven writable.</summary>
public static class StateDirectory
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (0700 on Unix) when it is missing; an existing folder keeps its mode.</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnly);
    }

    /// <summary>Null when a file can be created (and removed) in the folder, else why not.</summary>
    public static string? WriteProblem(string path)
    {
        var probe = Path.Combine(path, $".write-test-{Guid.NewGuid():N}");
        try
        {
            Create(path);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"'{path}' is not writable ({e.Message}); the poller keeps its checkpoints there. Give the process write access or set aws_gd_state_dir to a writable folder (in the container image: the volume)";
        }
    }
}
