using System.CommandLine;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>customize [-y]</c>: will import the SOAR customization (export.res). Not part of this build yet; it says
/// so and exits 1 rather than pretending to succeed.
/// </summary>
internal static class CustomizeCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigPathOption.Create();
        var yes = new Option<bool>("--yes", "-y") { Description = "Accept the import without asking." };
        var command = new Command("customize", "Import the app's SOAR customization (functions, fields, data tables, playbooks).")
        {
            config,
            yes,
        };
        command.SetAction(_ =>
        {
            context.Error.WriteLine(
                "customize: not yet available in this build. Import customize/export.res in SOAR (Administrator Settings > Organization > Migrate Settings > Import) until it is.");
            return ExitCodes.RuntimeFailure;
        });
        return command;
    }
}
