using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Findings;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Hosting;

/// <summary>Hosting/ is the one composition root: Program.cs → Cli/ → Hosting/, never back.</summary>
public class CompositionRootTests
{
    [Test]
    public void Hosting_does_not_use_Cli()
    {
        var hosting = Path.Combine(RepositoryFiles.Root, "Fn.AwsGuardDuty", "Hosting");
        var usesCli = new Regex(@"\bFn\.AwsGuardDuty\.Cli\b|\bCli\.");

        Directory.EnumerateFiles(hosting, "*.cs").Where(f => usesCli.IsMatch(File.ReadAllText(f))).Select(Path.GetFileName)
            .Should().BeEmpty();
    }

    [Test]
    public void The_clock_and_the_finding_mapper_are_registered_once_and_a_clock_given_before_wins()
    {
        using var files = new TestConfigFiles();
        var config = files.Load(TestConfigFiles.Valid());
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(FixedTimeProvider.Default);

        services.AddFnAwsGuardDutyConfiguration(config);

        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(FindingMapper)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(FixedTimeProvider.Default);
        provider.GetRequiredService<FindingMapper>().Should().BeSameAs(provider.GetRequiredService<FindingMapper>());
        provider.GetRequiredService<Fn.AwsGuardDuty.Configuration.ResilientOptions>().Should().BeSameAs(config.Resilient);
    }
}
