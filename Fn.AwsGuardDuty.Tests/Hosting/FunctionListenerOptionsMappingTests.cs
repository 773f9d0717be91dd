using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Hosting;

public class FunctionListenerOptionsMappingTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Org_destination_workers_prefetch_and_package_are_mapped()
    {
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: "num_workers = 25\nstomp_prefetch_limit = 40",
            guardDutyExtra: "message_destination = fn_aws_gd_eu"));

        var options = FunctionListenerOptionsMapping.From(config.Resilient, 201);

        options.OrgId.Should().Be(201);
        options.Destination.Should().Be("fn_aws_gd_eu");
        options.SubscribeDestination.Should().Be("actions.201.fn_aws_gd_eu");
        options.NumWorkers.Should().Be(25);
        options.PrefetchLimit.Should().Be(40);
        options.EffectivePrefetchLimit.Should().Be(40);
        options.PackageName.Should().Be("fn-aws-guardduty");
        options.PackageVersion.Should().Be(AppVersion.Current).And.NotContain("+");
        options.Validate();
    }

    [Test]
    public void Defaults_subscribe_to_fn_aws_gd_with_prefetch_equal_to_the_workers()
    {
        var options = FunctionListenerOptionsMapping.From(_files.Load(TestConfigFiles.Valid()).Resilient, 7);

        options.SubscribeDestination.Should().Be("actions.7.fn_aws_gd");
        options.PrefetchLimit.Should().BeNull();
        options.EffectivePrefetchLimit.Should().Be(options.NumWorkers);
        options.ToString().Should().NotContain(TestConfigFiles.ApiKeySecret);
    }
}
