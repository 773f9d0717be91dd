using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.SQS;
using Amazon.SQS.Model;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Sqs;

/// <summary>The JSON 1.0 wire: error shape, SigV4, and injected faults (500s and throttling) as the SDK sees them.</summary>
public class SqsProtocolTests : SqsEmulatorFixture
{
    [Test]
    public async Task An_error_has_the_json_1_0_shape_and_the_query_compatible_header()
    {
        using var http = SignedHttp(Secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent($"{{\"QueueUrl\":\"https://sqs.{Region}.amazonaws.com/{Account}/missing\"}}", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AmazonSQS.GetQueueAttributes");

        using var response = await http.SendAsync(request);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-amz-json-1.0");
        response.Headers.GetValues("x-amzn-query-error").Single().Should().Be("AWS.SimpleQueueService.NonExistentQueue;Sender");
        body.Value<string>("__type").Should().Be("com.amazonaws.sqs#QueueDoesNotExist");
        body.Value<string>("message").Should().Be("The specified queue does not exist.");
    }

    [Test]
    public async Task An_unknown_target_is_InvalidAction()
    {
        using var http = SignedHttp(Secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AmazonSQS.Teleport");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JObject.Parse(await response.Content.ReadAsStringAsync()).Value<string>("__type").Should().Be("com.amazonaws.sqs#InvalidAction");
    }

    [Test]
    public async Task A_wrong_secret_is_refused_by_the_signature_check()
    {
        var act = () => Client(secret: "wrong-secret", maxErrorRetry: 0).ListQueuesAsync(new ListQueuesRequest());

        var error = (await act.Should().ThrowAsync<AmazonSQSException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.ErrorCode.Should().Be("SignatureDoesNotMatch");
    }

    [Test]
    public async Task Another_accounts_queue_is_access_denied()
    {
        var url = await CreateQueueAsync(UniqueName("mine"));

        var act = () => Client(key: OtherKey, secret: OtherSecret, maxErrorRetry: 0).ReceiveMessageAsync(url);

        (await act.Should().ThrowAsync<AmazonSQSException>()).Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Server_errors_are_retried_by_the_sdk_and_counted()
    {
        var url = await CreateQueueAsync(UniqueName("flaky"));
        State.Faults.FailBurst(2, operation: "SendMessage");
        var before = State.Calls.Count("SendMessage");

        await Client(maxErrorRetry: 3).SendMessageAsync(url, "survives");

        State.Calls.Count("SendMessage").Should().Be(before + 3);
        (await ReceiveAsync(url)).Single().Body.Should().Be("survives");
    }

    [Test]
    public async Task Throttling_answers_RequestThrottled_and_500s_InternalFailure()
    {
        var url = await CreateQueueAsync(UniqueName("throttled"));
        State.Faults.ThrottleBurst(1, operation: "ReceiveMessage");
        var throttled = () => Client(maxErrorRetry: 0).ReceiveMessageAsync(url);
        var throttledError = (await throttled.Should().ThrowAsync<AmazonSQSException>()).Which;

        State.Faults.FailBurst(1, operation: "ReceiveMessage");
        var failed = () => Client(maxErrorRetry: 0).ReceiveMessageAsync(url);
        var failedError = (await failed.Should().ThrowAsync<AmazonSQSException>()).Which;

        throttledError.ErrorCode.Should().Be("RequestThrottled");
        throttledError.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        failedError.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        failedError.ErrorCode.Should().Be("InternalFailure");
    }

    private HttpClient SignedHttp(string secret)
    {
        var handler = new SigV4SigningHandler(new BasicAWSCredentials(Key, secret), RegionEndpoint.GetBySystemName(Region), "sqs", new SocketsHttpHandler());
        return new HttpClient(handler) { BaseAddress = Emulator.Endpoint };
    }
}
