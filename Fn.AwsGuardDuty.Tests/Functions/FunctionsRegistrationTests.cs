using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Findings;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Functions;

public class FunctionsRegistrationTests
{
    [Test]
    public void Registers_one_handler_per_function_name_that_the_listener_registry_accepts()
    {
        using var provider = Provider(services => { });

        var handlers = provider.GetServices<IFunctionHandler>().ToList();

        handlers.Select(h => h.Name).Should().Equal(FunctionNames.All);
        new FunctionHandlerRegistry(handlers).Names.Should().HaveCount(FunctionNames.All.Count);
        handlers.Select(h => h.GetType()).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Adds_a_clock_and_a_mapper_only_when_none_is_registered()
    {
        using var own = Provider(services =>
        {
            services.AddSingleton<TimeProvider>(FixedTimeProvider.Default);
            services.AddSingleton(new FindingMapper(FixedTimeProvider.Default));
        });
        using var defaults = Provider(services => { });

        own.GetRequiredService<TimeProvider>().Should().BeSameAs(FixedTimeProvider.Default);
        own.GetServices<FindingMapper>().Should().ContainSingle();
        defaults.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        defaults.GetRequiredService<FindingMapper>().Should().NotBeNull();
    }

    [Test]
    public void The_function_names_are_the_customizations_names()
    {
        FunctionNames.All.Should().OnlyHaveUniqueItems();
        FunctionNames.All.Take(2).Should().Equal("func_aws_guardduty_archive_finding", "func_aws_guardduty_refresh_finding");
        FunctionNames.All.Skip(2).Should().AllSatisfy(name => name.Should().MatchRegex("^aws_guardduty_[a-z0-9_]+$"));
    }

    private static ServiceProvider Provider(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services);
        var options = new GuardDutyClientOptions { AccessKeyId = "AKIAREGISTRATION0001", SecretAccessKey = "registration-secret" };
        services.AddSingleton(_ => new GuardDutyClientFactory(options,
            new GuardDutyCredentials(new Amazon.Runtime.BasicAWSCredentials("AKIAREGISTRATION0001", "registration-secret"), "static keys"),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        services.AddSingleton(_ => new SoarClient(new SoarClientOptions
        {
            Host = "127.0.0.1", Org = "Sandbox Org", ApiKeyId = "id", ApiKeySecret = "secret",
        }));
        services.AddGuardDutyFunctions();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
