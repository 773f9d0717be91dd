using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class ValueParserTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [TestCase("10", 600)]
    [TestCase("0", 0)]
    [TestCase("30s", 30)]
    [TestCase("30S", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h", 3600)]
    [TestCase(" 2 h ", 7200)]
    public void Durations_bare_numbers_take_the_key_unit(string text, int seconds)
    {
        DurationParser.TryParse(text, Minute, out var value).Should().BeTrue();
        value.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Test]
    public void A_bare_number_can_mean_seconds() =>
        (DurationParser.TryParse("60", TimeSpan.FromSeconds(1), out var v) ? v : default).Should().Be(TimeSpan.FromMinutes(1));

    [TestCase("")]
    [TestCase("s")]
    [TestCase("-5")]
    [TestCase("1.5m")]
    [TestCase("5d")]
    [TestCase("ten")]
    [TestCase("99999999999999999999")]
    public void Bad_durations_are_refused(string text) => DurationParser.TryParse(text, Minute, out _).Should().BeFalse();

    [TestCase(30, "30s")]
    [TestCase(300, "5m")]
    [TestCase(7200, "2h")]
    [TestCase(0, "0s")]
    public void Durations_format_with_the_largest_exact_unit(int seconds, string text) =>
        DurationParser.Format(TimeSpan.FromSeconds(seconds)).Should().Be(text);

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("Yes", true)]
    [TestCase("1", true)]
    [TestCase("on", true)]
    [TestCase("false", false)]
    [TestCase("No", false)]
    [TestCase("0", false)]
    [TestCase("OFF", false)]
    public void Booleans(string text, bool expected)
    {
        BooleanParser.TryParse(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [TestCase("")]
    [TestCase("maybe")]
    [TestCase("2")]
    public void Bad_booleans_are_refused(string text) => BooleanParser.TryParse(text, out _).Should().BeFalse();

    [Test]
    public void Duration_keys_in_the_app_section_read_bare_numbers_as_minutes()
    {
        using var files = new TestConfigFiles();
        var gd = files.Load(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_polling_interval = 2\naws_gd_regions_interval = 90s\naws_gd_overlap = 10s\naws_gd_lookback_interval = 1h")).GuardDuty;
        gd.PollingInterval.Should().Be(TimeSpan.FromMinutes(2));
        gd.RegionsInterval.Should().Be(TimeSpan.FromSeconds(90));
        gd.Overlap.Should().Be(TimeSpan.FromSeconds(10));
        gd.LookbackInterval.Should().Be(TimeSpan.FromHours(1));
    }

    [Test]
    public void Duration_keys_in_the_resilient_section_read_bare_numbers_as_seconds()
    {
        using var files = new TestConfigFiles();
        var r = files.Load(TestConfigFiles.Valid(resilientExtra: "stomp_timeout = 45\nrequest_retry_delay = 1m")).Resilient;
        r.StompTimeout.Should().Be(TimeSpan.FromSeconds(45));
        r.RequestRetryDelay.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Test]
    public void A_bad_duration_names_the_key_and_the_unit()
    {
        using var files = new TestConfigFiles();
        files.Problems(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_polling_interval = soon")).Single().ToString().Should()
            .Be("app.config: [fn_aws_guardduty] aws_gd_polling_interval: 'soon' is not a duration (a whole number of minutes, or with a unit: 30s, 5m, 1h)");
    }

    [Test]
    public void A_bad_boolean_names_the_key()
    {
        using var files = new TestConfigFiles();
        files.Problems(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_polling_enabled = perhaps")).Single().ToString().Should()
            .Be("app.config: [fn_aws_guardduty] aws_gd_polling_enabled: 'perhaps' is not a boolean (true/false, yes/no, 1/0)");
    }
}
