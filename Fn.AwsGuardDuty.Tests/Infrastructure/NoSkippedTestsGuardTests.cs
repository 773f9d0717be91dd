using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// A missing or broken dependency (ActiveMQ, python3-stomp, a JRE) must fail a test in every environment, never turn it
/// into a skip: no test source may call Assert.Ignore or Assert.Inconclusive, or behave differently on CI.
/// </summary>
public class NoSkippedTestsGuardTests
{
    [Test]
    public void No_test_skips_itself_or_asks_whether_it_runs_on_CI()
    {
        var testsFolder = Path.Combine(RepositoryFiles.Root, "Fn.AwsGuardDuty.Tests");
        var skipping = new Regex(@"Assert\s*\.\s*(Ignore|Inconclusive)\s*\(|Assume\s*\.\s*That|GetEnvironmentVariable\(\s*""CI""\s*\)");
        var offenders = Directory.EnumerateFiles(testsFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(nameof(NoSkippedTestsGuardTests) + ".cs", StringComparison.Ordinal))
            .Where(f => skipping.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(testsFolder, f))
            .ToList();

        offenders.Should().BeEmpty("a dependency that cannot be installed or started must fail the run, not skip tests");
    }
}
