namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary>Finds files of the repository the tests run from.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fn.AwsGuardDuty.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + TestContext.CurrentContext.TestDirectory);
        }
    }
}
