using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

[Category("Broker")]
public class FunctionListenerBrokerTests
{
    private ActiveMqBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await SharedActiveMqBroker.GetAsync();

    [Test]
    public async Task Success_reply_has_statuses_in_order_then_the_exact_envelope()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_test_echo", new JObject
        {
            ["in_text"] = "abc",
            ["in_select"] = new JObject { ["id"] = 53, ["name"] = "select two" },
            ["in_multi"] = new JArray(new JObject { ["id"] = 55, ["name"] = "value one" }, new JObject { ["id"] = 56, ["name"] = "value two" }),
            ["in_area"] = new JObject { ["format"] = "html", ["content"] = "<div>hello</div>" },
            ["in_empty_area"] = new JObject { ["format"] = "text", ["content"] = "" },
            ["in_number"] = 42,
            ["in_date"] = 1630407352685L,
            ["in_secretish"] = "$HOME",
            ["in_unset"] = null,
        });

        var replies = await harness.Platform.WaitForFinalAsync(correlation);

        replies.Should().HaveCount(3);
        JsonShould.Equal(replies[0], """{"message_type":0,"message":"status one","complete":false}""");
        JsonShould.Equal(replies[1], """{"message_type":0,"message":"status two","complete":false}""");
        var final = replies[2];
        final.Properties().Select(p => p.Name).Should().Equal("message_type", "message", "complete", "results");
        final["message_type"]!.Value<int>().Should().Be(0);
        final["message"]!.Value<string>().Should().Be("Completed");
        var results = (JObject)final["results"]!;
        results.Properties().Select(p => p.Name).Should().Equal("version", "success", "reason", "content", "raw", "inputs", "metrics");
        results["version"]!.Type.Should().Be(JTokenType.String);
        results["version"]!.Value<string>().Should().Be("1.0");
        results["success"]!.Value<bool>().Should().BeTrue();
        results["reason"]!.Type.Should().Be(JTokenType.Null);
        var content = (JObject)results["content"]!;
        content.Properties().Select(p => p.Name).Should().Equal("echo", "principal", "workflow_instance_id", "has_context_token");
        content["echo"]!.Value<string>().Should().Be("abc");
        content["principal"]!.Value<string>().Should().Be("admin@example.com");
        content["has_context_token"]!.Value<bool>().Should().BeTrue();
        content["workflow_instance_id"]!.Value<string>().Should().Be(correlation["invid:".Length..]);
        results["raw"]!.Value<string>().Should().Be(
            "{\"echo\": \"abc\", \"principal\": \"admin@example.com\", \"workflow_instance_id\": " +
            results["content"]!["workflow_instance_id"] + ", \"has_context_token\": true}");
        JsonShould.Equal(results["inputs"]!, """
            {"in_text":"abc","in_select":"select two","in_multi":["value one","value two"],"in_area":"<div>hello</div>",
             "in_empty_area":{"format":"text","content":""},"in_number":42,"in_date":1630407352685,"in_secretish":"$HOME","in_unset":null}
            """);
        var metrics = (JObject)results["metrics"]!;
        metrics.Properties().Select(p => p.Name).Should().Equal("version", "package", "package_version", "host", "execution_time_ms", "timestamp");
        metrics["version"]!.Value<string>().Should().Be("1.0");
        metrics["package"]!.Value<string>().Should().Be("fn-aws-guardduty");
        metrics["package_version"]!.Value<string>().Should().NotBeNullOrEmpty();
        metrics["host"]!.Value<string>().Should().Be(Environment.MachineName);
        metrics["execution_time_ms"]!.Type.Should().Be(JTokenType.Integer);
        metrics["timestamp"]!.Value<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
    }

    [Test]
    public async Task Unexpected_exception_gives_ERROR_reply_after_its_status()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_test_raise");

        var replies = await harness.Platform.WaitForFinalAsync(correlation);

        replies.Should().HaveCount(2);
        replies[0]["message"]!.Value<string>().Should().Be("about to raise");
        JToken.DeepEquals(replies[1], JObject.Parse("""{"message_type":1,"message":"ERROR:\n\ndeliberate failure","complete":true}"""))
            .Should().BeTrue(replies[1].ToString());
    }

    [Test]
    public async Task Function_error_reply_carries_just_its_message()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_test_fnerror");

        var replies = await harness.Platform.WaitForFinalAsync(correlation);

        JToken.DeepEquals(replies.Single(), JObject.Parse("""{"message_type":1,"message":"explicit FunctionError text","complete":true}"""))
            .Should().BeTrue();
    }

    [Test]
    public async Task Soft_failure_is_a_completed_reply_with_success_false()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_test_required", new { incident_id = 7, finding_id = "f-1", soft_fail = true });

        var final = (await harness.Platform.WaitForFinalAsync(correlation)).Single();

        final["message_type"]!.Value<int>().Should().Be(0);
        final["results"]!["success"]!.Value<bool>().Should().BeFalse();
        final["results"]!["reason"]!.Value<string>().Should().Be("finding not found");
        final["results"]!["raw"]!.Value<string>().Should().Be("{\"status\": \"error\", \"msg\": \"not found\"}");
    }

    [TestCase("""{"finding_id":"f-1"}""", "missing required input 'incident_id'")]
    [TestCase("""{"incident_id":"seven","finding_id":"f-1"}""", "input 'incident_id' must be a number")]
    [TestCase("""{"incident_id":7,"finding_id":""}""", "missing required input 'finding_id'")]
    public async Task Missing_or_invalid_input_is_named_in_an_error_reply_and_the_handler_does_no_work(string inputs, string expected)
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_test_required", JObject.Parse(inputs));

        var final = (await harness.Platform.WaitForFinalAsync(correlation)).Single();

        final["message_type"]!.Value<int>().Should().Be(1);
        final["message"]!.Value<string>().Should().Be(expected);
        harness.Log.TotalRuns.Should().Be(0);
    }

    [Test]
    public async Task Unknown_function_gets_an_error_naming_the_functions_served_and_is_ACKed()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_not_here");

        var final = (await harness.Platform.WaitForFinalAsync(correlation)).Single();

        final["message_type"]!.Value<int>().Should().Be(1);
        final["complete"]!.Value<bool>().Should().BeTrue();
        final["message"]!.Value<string>().Should().Contain("'fn_not_here'").And.Contain("fn_test_echo, fn_test_fnerror, fn_test_raise");
        await harness.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0);
    }

    [TestCase("this is not json", "not valid JSON")]
    [TestCase("[1,2,3]", "not an object")]
    [TestCase("""{"action_id": 4, "object_type": 0}""", "no 'function'")]
    [TestCase("""{"function": {"id": 3}}""", "no 'name'")]
    [TestCase("""{"function": {"name": "fn_test_echo"}, "inputs": [1]}""", "'inputs' is not a JSON object")]
    public async Task Malformed_body_gets_an_error_reply_and_is_ACKed_not_redelivered(string body, string expected)
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        await harness.Platform.SendAsync(body, "invid:77");

        var final = (await harness.Platform.WaitForFinalAsync("invid:77")).Single();

        final["message_type"]!.Value<int>().Should().Be(1);
        final["message"]!.Value<string>().Should().Contain(expected);
        await harness.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0);
    }

    [Test]
    public async Task Message_without_reply_to_is_ACKed_and_not_answered()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        await harness.Platform.SendAsync("not json either", "invid:78", withReplyTo: false);
        var followUp = await harness.Platform.InvokeAsync("fn_test_fnerror");
        await harness.Platform.WaitForFinalAsync(followUp);

        await harness.Listener.StopAsync(CancellationToken.None);

        harness.Platform.RepliesFor("invid:78").Should().BeEmpty();
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0);
    }

    [Test]
    public async Task No_more_than_num_workers_functions_run_at_once()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker, o =>
        {
            o.NumWorkers = 3;
            o.PrefetchLimit = 10;
        });
        var correlations = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            correlations.Add(await harness.Platform.InvokeAsync("fn_test_slow", new { delay_ms = 150, n = i }));
        }

        foreach (var correlation in correlations)
        {
            await harness.Platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(15));
        }

        harness.Log.Peak.Should().Be(3);
        harness.Log.TotalRuns.Should().Be(12);
        harness.Platform.FinalReplyCounts().Values.Should().OnlyContain(n => n == 1);
    }

    [Test]
    public async Task Graceful_stop_lets_a_running_function_finish_reply_and_ACK()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker);
        var correlation = await harness.Platform.InvokeAsync("fn_test_slow", new { delay_ms = 800 });
        await harness.Log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await harness.Listener.StopAsync(CancellationToken.None);

        harness.Listener.Completion.IsCompletedSuccessfully.Should().BeTrue();
        harness.Client.State.Should().Be(Fn.AwsGuardDuty.Stomp.StompConnectionState.Closed);
        var final = (await harness.Platform.WaitForFinalAsync(correlation)).Single();
        final["message"]!.Value<string>().Should().Be("Completed");
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0);
    }

    [Test]
    public async Task Stop_past_the_grace_abandons_the_call_without_ACK_so_it_is_redelivered()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker, o => o.ShutdownGrace = TimeSpan.FromMilliseconds(200));
        var correlation = await harness.Platform.InvokeAsync("fn_test_slow", new { block = true });
        await harness.Log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await harness.Listener.StopAsync(CancellationToken.None);

        harness.Platform.RepliesFor(correlation).Should().BeEmpty();
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(1);
    }

    [Test]
    public async Task Over_TLS_with_the_test_CA_the_listener_answers()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker, clientOptions: _broker.ClientOptions(tls: true));
        var correlation = await harness.Platform.InvokeAsync("fn_test_required", new { incident_id = 1, finding_id = "x" });

        var final = (await harness.Platform.WaitForFinalAsync(correlation)).Single();

        final["results"]!["content"]!["finding_id"]!.Value<string>().Should().Be("x");
    }

    [Test]
    public async Task A_user_without_read_permission_is_reported_as_a_fatal_authorization_error()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker,
            clientOptions: _broker.ClientOptions(login: _broker.NoReadUsername, passcode: _broker.NoReadPassword),
            waitForSubscription: false);

        var failure = await FluentActions.Awaiting(() => harness.Listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(15)))
            .Should().ThrowAsync<ListenerAuthorizationException>();

        failure.Which.Destination.Should().Be($"actions.{harness.Options.OrgId}.fn_aws_gd");
        failure.Which.Message.Should().Contain("not authorized to read");
        await FluentActions.Awaiting(() => harness.Listener.Completion.WaitAsync(TimeSpan.FromSeconds(10)))
            .Should().ThrowAsync<ListenerAuthorizationException>();
    }

    [Test]
    public async Task A_wrong_password_is_fatal_too_and_never_shown()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker,
            clientOptions: _broker.ClientOptions(passcode: "WRONG-SECRET-123"), waitForSubscription: false);

        var failure = await FluentActions.Awaiting(() => harness.Listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(15)))
            .Should().ThrowAsync<ListenerAuthorizationException>();

        failure.Which.Message.Should().NotContain("WRONG-SECRET-123");
        Regex.IsMatch(failure.Which.BrokerMessage, "invalid", RegexOptions.IgnoreCase).Should().BeTrue(failure.Which.BrokerMessage);
    }
}
