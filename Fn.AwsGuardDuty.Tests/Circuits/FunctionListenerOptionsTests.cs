using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

public class FunctionListenerOptionsTests
{
    [Test]
    public void Defaults_follow_resilient_circuits()
    {
        var options = new FunctionListenerOptions { OrgId = 201 };

        options.Validate();
        options.SubscribeDestination.Should().Be("actions.201.fn_aws_gd");
        options.NumWorkers.Should().Be(10);
        options.EffectivePrefetchLimit.Should().Be(10);
        options.ShutdownGrace.Should().Be(TimeSpan.FromSeconds(30));
        options.PackageName.Should().Be("fn-aws-guardduty");
        options.PackageVersion.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [TestCase(0, 10, null, "OrgId")]
    [TestCase(201, 0, null, "NumWorkers")]
    [TestCase(201, 2001, null, "NumWorkers")]
    [TestCase(201, 10, 0, "PrefetchLimit")]
    [TestCase(201, 10, 2001, "PrefetchLimit")]
    public void Out_of_range_values_are_refused_with_the_option_name(int org, int workers, int? prefetch, string name)
    {
        var options = new FunctionListenerOptions { OrgId = org, NumWorkers = workers, PrefetchLimit = prefetch };

        options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().WithMessage($"*{name}*");
    }

    [Test]
    public void Destination_must_be_a_plain_name()
    {
        new FunctionListenerOptions { OrgId = 1, Destination = "a b" }.Invoking(o => o.Validate()).Should().Throw<ArgumentException>();
        new FunctionListenerOptions { OrgId = 1, Destination = "/queue/x" }.Invoking(o => o.Validate()).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Registry_refuses_two_handlers_for_one_name_and_lists_names_sorted()
    {
        var log = new CallLog();
        FluentActions.Invoking(() => new FunctionHandlerRegistry([new EchoHandler(log), new EchoHandler(log)]))
            .Should().Throw<ArgumentException>().WithMessage("*fn_test_echo*registered twice*");

        var registry = new FunctionHandlerRegistry([new SlowHandler(log), new EchoHandler(log)]);
        registry.Names.Should().Equal("fn_test_echo", "fn_test_slow");
        registry.TryGet("fn_test_slow", out var handler).Should().BeTrue();
        handler.Should().BeOfType<SlowHandler>();
    }

    [Test]
    public void FunctionResult_converts_plain_objects_to_json()
    {
        FunctionResult.Ok(new { status = "ok" }).Content.Should().BeOfType<JObject>().Which["status"]!.ToString().Should().Be("ok");
        FunctionResult.Ok(null).Content.Should().BeNull();
    }
}
