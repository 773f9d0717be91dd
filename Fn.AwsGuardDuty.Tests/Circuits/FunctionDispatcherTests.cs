using System.Text;
using Fn.AwsGuardDuty.Circuits;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>The dispatcher alone, without a broker: a request in, the reply SOAR would get out.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class FunctionDispatcherTests
{
    private const string AcksQueue = "/queue/acks.201.fn_aws_gd";

    private readonly CallLog _log = new();
    private readonly List<string> _statuses = [];
    private FunctionDispatcher _dispatcher = null!;

    [SetUp]
    public void CreateDispatcher() => _dispatcher = Dispatcher(numWorkers: 4);

    [TearDown]
    public void DisposeDispatcher() => _dispatcher.Dispose();

    [Test]
    public async Task A_function_call_is_run_with_its_statuses_and_answered_with_the_envelope()
    {
        var reply = await DispatchAsync(Body("fn_test_echo", """{"in_text": "abc", "in_select": {"id": 5, "name": "five"}}"""));

        _statuses.Should().Equal("status one", "status two");
        reply.ReplyTo.Should().Be(AcksQueue);
        reply.CorrelationId.Should().Be("invid:80");
        reply.IsError.Should().BeFalse();
        var body = JObject.Parse(reply.Body);
        body.Properties().Select(p => p.Name).Should().Equal("message_type", "message", "complete", "results");
        body["message"]!.Value<string>().Should().Be("Completed");
        body["results"]!["content"]!["echo"]!.Value<string>().Should().Be("abc");
        body["results"]!["content"]!["principal"]!.Value<string>().Should().Be("admin@example.com");
        body["results"]!["content"]!["has_context_token"]!.Value<bool>().Should().BeTrue();
        JsonShould.Equal(body["results"]!["inputs"]!, """{"in_text":"abc","in_select":"five"}""");
        body["results"]!["metrics"]!["package"]!.Value<string>().Should().Be("fn-aws-guardduty");
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_answered_with_an_error_and_runs_nothing()
    {
        var reply = await DispatchAsync("""{"function": {"name": """);

        reply.IsError.Should().BeTrue();
        var body = JObject.Parse(reply.Body);
        body["message_type"]!.Value<int>().Should().Be(1);
        body["complete"]!.Value<bool>().Should().BeTrue();
        body["message"]!.Value<string>().Should().StartWith("the message body is not valid JSON: ");
        _log.TotalRuns.Should().Be(0);
    }

    [Test]
    public async Task An_unknown_function_is_answered_with_an_error_naming_it_and_the_functions_served()
    {
        var reply = await DispatchAsync(Body("fn_aws_gd_nope", "{}"));

        JsonShould.Equal(JObject.Parse(reply.Body), """
            {"message_type":1,"message":"function 'fn_aws_gd_nope' is not served by this app on actions.201.fn_aws_gd; functions served: fn_test_echo, fn_test_fnerror, fn_test_raise, fn_test_required, fn_test_slow","complete":true}
            """);
    }

    [Test]
    public async Task A_missing_required_input_is_named_and_the_handler_does_no_work()
    {
        var reply = await DispatchAsync(Body("fn_test_required", """{"finding_id": "f-1"}"""));

        JsonShould.Equal(JObject.Parse(reply.Body), """{"message_type":1,"message":"missing required input 'incident_id'","complete":true}""");
        _log.TotalRuns.Should().Be(0);
    }

    [Test]
    public async Task A_FunctionError_and_an_unexpected_exception_are_answered_as_resilient_circuits_words_them()
    {
        var functionError = await DispatchAsync(Body("fn_test_fnerror", "{}"));
        var raised = await DispatchAsync(Body("fn_test_raise", "{}"));

        JsonShould.Equal(JObject.Parse(functionError.Body), """{"message_type":1,"message":"explicit FunctionError text","complete":true}""");
        JsonShould.Equal(JObject.Parse(raised.Body), """{"message_type":1,"message":"ERROR:\n\ndeliberate failure","complete":true}""");
        _statuses.Should().Equal("about to raise");
    }

    [Test]
    public async Task A_message_without_reply_to_gets_a_reply_with_nowhere_to_go()
    {
        var request = Request(Body("fn_test_required", """{"incident_id": 7, "finding_id": "f-1"}""")) with { ReplyTo = null };

        var reply = await _dispatcher.DispatchAsync(request, Status, CancellationToken.None);

        reply.ReplyTo.Should().BeNull();
        reply.IsError.Should().BeFalse();
        _log.TotalRuns.Should().Be(1);
    }

    [Test]
    public async Task No_more_than_num_workers_handlers_run_at_once()
    {
        using var dispatcher = Dispatcher(numWorkers: 2);
        var blocked = Body("fn_test_slow", """{"block": true}""");

        var calls = Enumerable.Range(0, 5).Select(_ => dispatcher.DispatchAsync(Request(blocked), Status, CancellationToken.None)).ToList();
        await _log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => _log.RunsByCorrelation.Values.Sum() >= 2);
        var runningWhileBlocked = _log.TotalRuns;
        _log.Gate.TrySetResult();
        var replies = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        runningWhileBlocked.Should().Be(2, "two workers, and the other three calls wait for one");
        _log.Peak.Should().Be(2);
        replies.Should().OnlyContain(r => !r.IsError);
    }

    [Test]
    public async Task Cancelling_abort_leaves_the_call_unanswered()
    {
        using var abort = new CancellationTokenSource();
        var call = _dispatcher.DispatchAsync(Request(Body("fn_test_slow", """{"block": true}""")), Status, abort.Token);
        await _log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await abort.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
    }

    private FunctionDispatcher Dispatcher(int numWorkers) => new(
        new FunctionHandlerRegistry([new EchoHandler(_log), new RaisingHandler(), new FunctionErrorHandler(), new RequiredInputsHandler(_log), new SlowHandler(_log)]),
        new FunctionListenerOptions { OrgId = 201, NumWorkers = numWorkers },
        NullLogger.Instance);

    private Task<FinalReply> DispatchAsync(string body) => _dispatcher.DispatchAsync(Request(body), Status, CancellationToken.None);

    private Task Status(string text, CancellationToken cancellationToken)
    {
        lock (_statuses)
        {
            _statuses.Add(text);
        }

        return Task.CompletedTask;
    }

    private static FunctionRequest Request(string body) => new("ID:host-1:2:1:1:1", Encoding.UTF8.GetBytes(body))
    {
        ReplyTo = AcksQueue,
        CorrelationId = "invid:80",
        ContextToken = "tok",
        Timestamp = "1634461020363",
    };

    /// <summary>A FunctionDataDTO as SOAR sends it, written out here rather than built by the code under test.</summary>
    private static string Body(string function, string inputs) => $$$"""
        {"function": {"id": 3, "name": "{{{function}}}", "display_name": "x", "uuid": null, "version": null, "tags": [], "view_items": [], "workflows": []},
         "groups": [], "inputs": {{{inputs}}}, "playbook_instance": null,
         "principal": {"id": 1, "type": "user", "name": "admin@example.com", "display_name": "Admin User"},
         "workflow": {"workflow_id": 3, "programmatic_name": "wf_test", "name": "wf", "object_type": {"id": 0, "name": "incident"}},
         "workflow_instance": {"workflow_instance_id": 80}}
        """;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
