using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// The GuardDuty app's customization export, generated from the repository (playbooks/ and the definitions of this
/// folder). The single source of customize/export.res and of the SOAR emulator's GuardDuty preload.
/// </summary>
public static class GuardDutyExport
{
    /// <summary>The command that regenerates customize/export.res.</summary>
    public const string RefreshCommand = "dotnet run --project Fn.AwsGuardDuty.Sandbox -- export-customization";

    /// <summary>Builds the export from the repository's playbooks.</summary>
    public static JObject Build(RepositoryLayout repository) =>
        ExportBuilder.Build(PlaybookReader.ReadAll(repository.PlaybooksDirectory));

    /// <summary>Builds the export from the repository that holds <paramref name="startDirectory"/> (default: the running app's folder).</summary>
    public static JObject BuildFromRepository(string? startDirectory = null) => Build(RepositoryLayout.Locate(startDirectory));

    /// <summary>The file text: indented JSON, two spaces, \n line ends, a final newline.</summary>
    public static string Render(JObject export)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text) { NewLine = "\n" })
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            export.WriteTo(json);
        }

        return text.Append('\n').ToString();
    }

    /// <summary>Writes the export (UTF-8, no BOM); returns the full path written.</summary>
    public static async Task<string> WriteAsync(JObject export, string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, Render(export), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return full;
    }
}
