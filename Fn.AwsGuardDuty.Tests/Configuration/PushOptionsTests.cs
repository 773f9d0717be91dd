using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class PushOptionsTests
{
    private const string Queue = "https://sqs.eu-west-1.amazonaws.com/123456789012/guardduty-findings.fifo";

    [Test]
    public void Without_a_queue_url_push_is_off()
    {
        var (options, problems) = Read("aws_gd_sqs_wait_time = 5");

        options.Should().BeNull();
        problems.Should().BeEmpty();
    }

    [Test]
    public void A_queue_url_alone_takes_the_contract_defaults()
    {
        var (options, problems) = Read($"aws_gd_sqs_queue_url = {Queue}");

        problems.Should().BeEmpty();
        options!.Queue.Region.Should().Be("eu-west-1");
        options.Queue.IsFifo.Should().BeTrue();
        options.EndpointUrl.Should().BeNull();
        options.WaitTime.Should().Be(TimeSpan.FromSeconds(20));
        options.MaxMessages.Should().Be(10);
        options.VisibilityTimeout.Should().Be(TimeSpan.FromSeconds(60));
        options.ReconcileInterval.Should().Be(TimeSpan.FromMinutes(60));
    }

    [Test]
    public void Every_key_is_read_bare_numbers_in_seconds_and_the_reconcile_interval_in_minutes()
    {
        var (options, problems) = Read($"""
            aws_gd_sqs_queue_url = {Queue}
            aws_gd_sqs_endpoint_url = http://127.0.0.1:4566
            aws_gd_sqs_wait_time = 5
            aws_gd_sqs_max_messages = 3
            aws_gd_sqs_visibility_timeout = 2m
            aws_gd_reconcile_interval = 15
            """);

        problems.Should().BeEmpty();
        options!.EndpointUrl.Should().Be(new Uri("http://127.0.0.1:4566"));
        options.WaitTime.Should().Be(TimeSpan.FromSeconds(5));
        options.MaxMessages.Should().Be(3);
        options.VisibilityTimeout.Should().Be(TimeSpan.FromMinutes(2));
        options.ReconcileInterval.Should().Be(TimeSpan.FromMinutes(15));
    }

    [Test]
    public void The_endpoint_falls_back_to_AWS_ENDPOINT_URL_SQS()
    {
        var (options, _) = Read($"aws_gd_sqs_queue_url = {Queue}", new() { ["AWS_ENDPOINT_URL_SQS"] = "https://vpce-1.sqs.eu-west-1.vpce.amazonaws.com" });

        options!.EndpointUrl.Should().Be(new Uri("https://vpce-1.sqs.eu-west-1.vpce.amazonaws.com"));
    }

    [TestCase("aws_gd_sqs_queue_url = http://localhost/q", "aws_gd_sqs_queue_url", "cannot tell the region")]
    [TestCase("aws_gd_sqs_wait_time = 21", "aws_gd_sqs_wait_time", "0 to 20")]
    [TestCase("aws_gd_sqs_wait_time = 1500ms", "aws_gd_sqs_wait_time", "whole number")]
    [TestCase("aws_gd_sqs_max_messages = 0", "aws_gd_sqs_max_messages", "1 to 10")]
    [TestCase("aws_gd_sqs_max_messages = 11", "aws_gd_sqs_max_messages", "1 to 10")]
    [TestCase("aws_gd_sqs_max_messages = ten", "aws_gd_sqs_max_messages", "whole number")]
    [TestCase("aws_gd_sqs_visibility_timeout = 1", "aws_gd_sqs_visibility_timeout", "2 s to 12 h")]
    [TestCase("aws_gd_sqs_visibility_timeout = 13h", "aws_gd_sqs_visibility_timeout", "2 s to 12 h")]
    [TestCase("aws_gd_reconcile_interval = 0", "aws_gd_reconcile_interval", "at least 1 second")]
    [TestCase("aws_gd_sqs_endpoint_url = not a url", "aws_gd_sqs_endpoint_url", "not an absolute")]
    public void A_bad_value_is_a_problem_naming_its_key(string line, string key, string message)
    {
        var text = line.StartsWith("aws_gd_sqs_queue_url", StringComparison.Ordinal) ? line : $"aws_gd_sqs_queue_url = {Queue}\n{line}";

        var (options, problems) = Read(text);

        options.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().Match<ConfigProblem>(p => p.Key == key && p.Message.Contains(message));
        problems[0].Section.Should().Be("fn_aws_guardduty");
    }

    private static (PushOptions? Options, List<ConfigProblem> Problems) Read(string keys, Dictionary<string, string>? variables = null)
    {
        var document = IniFileReader.Read("[fn_aws_guardduty]\n" + keys + "\n");
        var problems = new List<ConfigProblem>();
        var directory = Path.GetTempPath();
        var environment = AppEnvironment.FromDictionary(variables ?? [], directory, directory);
        var reader = new SectionReader(document, "fn_aws_guardduty", environment, directory, problems);
        return (PushOptionsReader.Read(reader, problems, AwsEnvironmentReader.Read(environment, problems)), problems);
    }
}
