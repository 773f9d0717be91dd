using Fn.AwsGuardDuty.Sandbox.Customization;

namespace Fn.AwsGuardDuty.Tests.Customization;

/// <summary>customize/export.res is what the generator makes from the repository now, byte for byte.</summary>
public class ExportFreshnessTests
{
    [Test]
    public void The_checked_in_export_is_not_stale()
    {
        var repository = RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory);
        var expected = GuardDutyExport.Render(GuardDutyExport.Build(repository));
        File.Exists(repository.ExportPath).Should().BeTrue($"customize/export.res is missing; run `{GuardDutyExport.RefreshCommand}`");
        var actual = File.ReadAllText(repository.ExportPath);

        if (actual != expected)
        {
            var line = FirstDifferentLine(actual, expected);
            Assert.Fail($"customize/export.res is stale (first difference at line {line}). Refresh it with:\n    {GuardDutyExport.RefreshCommand}\nand commit the result.");
        }
    }

    [Test]
    public void Generating_twice_gives_the_same_bytes()
    {
        var repository = RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory);
        GuardDutyExport.Render(GuardDutyExport.Build(repository)).Should().Be(GuardDutyExport.Render(GuardDutyExport.Build(repository)));
    }

    [Test]
    public async Task The_verb_writes_the_export_to_the_given_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fn-gd-export-{Guid.NewGuid():N}.res");
        try
        {
            var exit = await ExportCustomizationVerb.RunAsync([path]);
            exit.Should().Be(0);
            var repository = RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory);
            (await File.ReadAllTextAsync(path)).Should().Be(GuardDutyExport.Render(GuardDutyExport.Build(repository)));
            (await ExportCustomizationVerb.RunAsync(["a", "b"])).Should().Be(2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i])
                return i + 1;
        }

        return Math.Min(left.Length, right.Length) + 1;
    }
}
