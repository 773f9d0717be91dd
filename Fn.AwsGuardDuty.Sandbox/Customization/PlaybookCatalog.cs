namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// The playbooks the generator and the SOAR emulator refer to by name. The customization ships every folder of
/// playbooks/ (see <see cref="PlaybookReader.ReadAll"/> for their order); a new playbook needs no entry here.
/// </summary>
public static class PlaybookCatalog
{
    public const string ArchiveFinding = "example_aws_guardduty_archive_finding_pb";
    public const string RefreshFindingDetails = "example_aws_guardduty_refresh_finding_details_pb";
    public const string UpdateFindingDetails = "example_aws_guardduty_update_finding_details_pb";

    /// <summary>The playbooks of the repository's playbooks/ folder, in export order.</summary>
    public static IReadOnlyList<string> Names(RepositoryLayout repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return PlaybookReader.ReadAll(repository.PlaybooksDirectory).Select(p => p.Name).ToList();
    }
}
