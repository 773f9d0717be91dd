using Fn.AwsGuardDuty.Hosting.Health;

namespace Fn.AwsGuardDuty.Tests.Hosting.Health;

/// <summary>WATCHDOG_USEC and WATCHDOG_PID as sd_watchdog_enabled(3) reads them; the keep-alive every half of the timeout.</summary>
public class SystemdWatchdogTests
{
    [TestCase(null, null, null)]
    [TestCase("0", null, null)]
    [TestCase("abc", null, null)]
    [TestCase("30000000", null, 15_000.0)]
    [TestCase("1000000", "4242", 500.0)]
    [TestCase("1000000", "4243", null)]
    [TestCase("1000000", "x", null)]
    public void The_feed_interval_is_half_the_timeout_for_this_process_only(string? usec, string? pid, double? milliseconds)
    {
        var variables = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = usec, ["WATCHDOG_PID"] = pid };
        SystemdWatchdog.FromEnvironment(name => variables.GetValueOrDefault(name), 4242).FeedInterval
            .Should().Be(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
    }
}
