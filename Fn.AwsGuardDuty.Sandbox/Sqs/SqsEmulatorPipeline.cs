using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// Every request's path: AWS JSON 1.0 framing (POST /, <c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>,
/// <c>application/x-amz-json-1.0</c>), SigV4 for service <c>sqs</c>, call counting, faults, then the operation.
/// </summary>
internal sealed class SqsEmulatorPipeline(SqsEmulatorState state, SigV4Verifier verifier, SqsOperations operations, ILogger logger)
{
    public const string ContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "AmazonSQS.";

    private readonly HashSet<string> regions = state.Options.Regions.ToHashSet(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.Headers.Date = state.Clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var operation = "?";
        try
        {
            var request = await ReadAsync(context, cancellationToken) ?? throw SqsErrors.InvalidParameterValue("Request body too large.");
            var target = request.Header("X-Amz-Target");
            if (request.Method != "POST" || target is null || !target.StartsWith(TargetPrefix, StringComparison.Ordinal))
            {
                throw SqsErrors.InvalidAction(target ?? $"{request.Method} {request.RawPath}");
            }

            operation = target[TargetPrefix.Length..];
            if (!SqsOperations.Names.Contains(operation))
            {
                throw SqsErrors.InvalidAction(target);
            }

            if (request.Header("Content-Type")?.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase) != true)
            {
                throw SqsErrors.SerializationException($"The request's Content-Type must be {ContentType}.");
            }

            var identity = Authenticate(request);
            state.Calls.Record("sqs", operation, identity.Region);
            var decision = state.Faults.Evaluate("sqs", operation, identity.Region, identity.AccountId);
            if (decision.Latency > TimeSpan.Zero)
            {
                await Task.Delay(decision.Latency, state.Clock, cancellationToken);
            }

            if (decision.Fault is { } fault)
            {
                throw SqsErrors.FromFault(fault);
            }

            var result = await operations.ExecuteAsync(identity, operation, new SqsMembers(ParseBody(request.Body)), cancellationToken);
            await WriteAsync(context.Response, 200, result, cancellationToken);
        }
        catch (SqsErrorException error)
        {
            context.Response.Headers["x-amzn-query-error"] = $"{error.QueryCode};{(error.SenderFault ? "Sender" : "Receiver")}";
            var body = new JObject { ["__type"] = $"com.amazonaws.sqs#{error.Type}", ["message"] = error.Message };
            await WriteAsync(context.Response, error.StatusCode, body, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "SQS emulator failed on {Operation}", operation);
            var error = SqsErrors.InternalFailure();
            context.Response.Headers["x-amzn-query-error"] = $"{error.QueryCode};Receiver";
            await WriteAsync(context.Response, 500, new JObject { ["__type"] = $"com.amazonaws.sqs#{error.Type}", ["message"] = error.Message }, cancellationToken);
        }
    }

    private SigV4Identity Authenticate(SigV4Request request)
    {
        try
        {
            var identity = verifier.Verify(request);
            if (identity.Service != "sqs")
            {
                throw new AwsAuthException(AwsAuthFailure.InvalidScope, "Credential should be scoped to correct service: 'sqs'. ");
            }

            if (!regions.Contains(identity.Region))
            {
                throw new AwsAuthException(AwsAuthFailure.InvalidScope, $"Credential should be scoped to a valid region, not '{identity.Region}'. ");
            }

            return identity;
        }
        catch (AwsAuthException failure)
        {
            throw SqsErrors.FromAuthFailure(failure);
        }
    }

    private static JObject ParseBody(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JObject();
        }

        try
        {
            return WireJson.ParseObject(text);
        }
        catch (JsonException)
        {
            throw SqsErrors.SerializationException("The request body could not be parsed as a JSON object.");
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, JObject body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(WireJson.Serialize(body));
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private async Task<SigV4Request?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? "" : rawTarget[(question + 1)..];
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > state.Options.MaxRequestBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var headers = context.Request.Headers.SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value ?? "")));
        return new SigV4Request(context.Request.Method, rawPath, rawQuery, headers, buffer.ToArray());
    }
}
