using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary>Defect 7: the state folder defaults to the image's volume there, and must be writable at start-up (exit 2 naming the key).</summary>
public class StateDirTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void The_image_environment_sets_the_default_state_folder_and_the_key_still_wins()
    {
        var volume = Path.Combine(_files.Directory, "volume", "state");
        _files.Variables[GuardDutyOptions.StateDirEnvironmentVariable] = volume;

        _files.Load(TestConfigFiles.Valid()).GuardDuty.StateDir.Should().Be(volume);
        var explicitDir = Path.Combine(_files.Directory, "mine");
        _files.Load(TestConfigFiles.Valid(guardDutyExtra: $"aws_gd_state_dir = {explicitDir}")).GuardDuty.StateDir.Should().Be(explicitDir);
    }

    [Test]
    public void The_Dockerfile_points_the_default_at_its_declared_volume()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepoRoot(), "Dockerfile"));
        var volume = dockerfile.Single(l => l.StartsWith("VOLUME", StringComparison.Ordinal)).Split('"')[1];
        var env = dockerfile.Select(l => l.Trim().TrimEnd('\\').Trim())
            .Single(l => l.Contains(GuardDutyOptions.StateDirEnvironmentVariable + "=", StringComparison.Ordinal));
        var stateDir = env[(env.IndexOf('=') + 1)..].Trim();
        stateDir.Should().StartWith(volume.TrimEnd('/') + "/", "the checkpoints must live on the volume, not in the root-owned /etc/rescircuits");
    }

    [Test]
    public void A_state_folder_that_cannot_be_written_is_a_configuration_error_naming_the_key()
    {
        var blocker = Path.Combine(_files.Directory, "a-file");
        File.WriteAllText(blocker, "not a folder");

        var problems = _files.Problems(TestConfigFiles.Valid(guardDutyExtra: $"aws_gd_state_dir = {Path.Combine(blocker, "state")}"));

        problems.Should().ContainSingle(p => p.Key == "aws_gd_state_dir")
            .Which.ToString().Should().Contain("is not writable");
    }

    [Test]
    public void The_state_folder_is_created_owner_only()
    {
        var dir = Path.Combine(_files.Directory, "fresh-state");

        _files.Load(TestConfigFiles.Valid(guardDutyExtra: $"aws_gd_state_dir = {dir}"));

        Directory.Exists(dir).Should().BeTrue();
        Directory.GetFileSystemEntries(dir).Should().BeEmpty("the write probe is removed");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(dir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fn.AwsGuardDuty.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
