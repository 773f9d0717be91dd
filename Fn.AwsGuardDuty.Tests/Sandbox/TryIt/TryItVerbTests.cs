using Fn.AwsGuardDuty.Sandbox.TryIt;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>The try-it command line: help and bad options, before anything starts.</summary>
public class TryItVerbTests
{
    [Test]
    public async Task Help_lists_the_options_and_exits_0()
    {
        var console = new TestConsole();

        var code = await TryItVerb.RunAsync(["--help"], console.Console);

        code.Should().Be(0);
        console.Text.Should().Contain("--scenario").And.Contain("demo").And.Contain("--findings").And.Contain("--quiet")
            .And.Contain("--poll-interval").And.Contain("--dir");
    }

    [TestCase("--findings", "3", "--findings must be from 6 to 10000")]
    [TestCase("--poll-interval", "soon", "--poll-interval must be a whole number with s, m or h")]
    [TestCase("--poll-interval", "0s", "--poll-interval must be from 1s to 10m")]
    [TestCase("--step-timeout", "1s", "--step-timeout must be at least 5s")]
    public async Task A_bad_option_value_exits_2_naming_it(string option, string value, string message)
    {
        var console = new TestConsole();

        var code = await TryItVerb.RunAsync([option, value], console.Console);

        code.Should().Be(TryItVerb.UsageError);
        console.Text.Should().Contain(message);
    }

    [Test]
    public async Task An_unknown_scenario_is_refused()
    {
        var console = new TestConsole();

        var code = await TryItVerb.RunAsync(["--scenario", "party"], console.Console);

        code.Should().NotBe(0);
        console.Text.Should().Contain("party");
    }
}
