using Fn.AwsGuardDuty.Sandbox.Customization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>
/// The GuardDuty app's customization as the emulator preloads and tests import it: the export the repository's
/// generator builds (<see cref="GuardDutyExport"/>, the same that customize/export.res holds), so there is one source.
/// The emulator's import rules stay its own (written from the spec); this only supplies the objects.
/// </summary>
public static class SoarGuardDutyCustomization
{
    public const string Destination = FunctionCatalog.Destination;
    public const string ArchiveFunction = FunctionCatalog.ArchiveFinding;
    public const string RefreshFunction = FunctionCatalog.RefreshFinding;
    public const string ArchivePlaybook = PlaybookCatalog.ArchiveFinding;
    public const string UpdatePlaybook = PlaybookCatalog.UpdateFindingDetails;

    /// <summary>A fresh copy of the export (callers may change it, e.g. to build invalid imports in tests).</summary>
    public static JObject BuildExport() => GuardDutyExport.BuildFromRepository();
}
