namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>Where the customization's sources and output live in the repository.</summary>
public sealed record RepositoryLayout(string Root)
{
    public const string MarkerFile = "Fn.AwsGuardDuty.sln";

    public string PlaybooksDirectory => Path.Combine(Root, "playbooks");

    public string ExportPath => Path.Combine(Root, "customize", "export.res");

    /// <summary>The repository holding <paramref name="startDirectory"/> (or the app's base directory): the first parent with the solution and playbooks/.</summary>
    public static RepositoryLayout Locate(string? startDirectory = null)
    {
        var start = startDirectory ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)) && Directory.Exists(Path.Combine(dir.FullName, "playbooks")))
                return new RepositoryLayout(dir.FullName);
        }

        throw new CustomizationException($"No fn-aws-guardduty repository (a folder with {MarkerFile} and playbooks/) above {start}.");
    }
}
