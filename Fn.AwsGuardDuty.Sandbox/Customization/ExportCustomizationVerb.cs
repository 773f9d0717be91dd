namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// <c>export-customization [path]</c>: regenerates the SOAR export from the repository's playbooks and definitions,
/// to customize/export.res unless a path is given. Exit code 0, or 1 with one line saying what is wrong.
/// </summary>
public static class ExportCustomizationVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 1 || args is ["-h" or "--help"])
        {
            Console.Out.WriteLine("usage: export-customization [path]   (default: customize/export.res of the repository)");
            return args.Length > 1 ? 2 : 0;
        }

        try
        {
            var repository = LocateRepository();
            var export = GuardDutyExport.Build(repository);
            var path = await GuardDutyExport.WriteAsync(export, args.Length == 1 ? args[0] : repository.ExportPath).ConfigureAwait(false);
            Console.Out.WriteLine($"wrote {path}: {export["functions"]!.Count()} functions, {export["playbooks"]!.Count()} playbooks, " +
                $"{export["types"]!.Count()} data tables, {export["incident_artifact_types"]!.Count()} artifact types");
            return 0;
        }
        catch (Exception e) when (e is CustomizationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("export-customization: " + e.Message);
            return 1;
        }
    }

    // The working directory's repository (dotnet run from the repo), else the one the sandbox was built in.
    private static RepositoryLayout LocateRepository()
    {
        try
        {
            return RepositoryLayout.Locate(Directory.GetCurrentDirectory());
        }
        catch (CustomizationException)
        {
            return RepositoryLayout.Locate();
        }
    }
}
