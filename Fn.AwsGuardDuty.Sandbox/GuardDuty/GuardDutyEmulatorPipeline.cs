using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Ec2;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Admin;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Requests;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>
/// Every request's path through the emulator: request id and Date headers, protocol (rest-json GuardDuty or EC2
/// query, told apart by the signing service or a form body), routing, SigV4, call counting, faults, then the operation.
/// </summary>
internal sealed class GuardDutyEmulatorPipeline(
    GuardDutyEmulatorState state,
    SigV4Verifier verifier,
    GuardDutyOperations operations,
    Ec2DescribeRegions describeRegions,
    ILogger logger)
{
    private readonly EmulatorAdminRoutes admin = new(state);
    private readonly HashSet<string> regionNames = state.Options.Regions.Select(region => region.Name).ToHashSet(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        context.Response.Headers.Date = state.Clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var request = await ReadAsync(context, cancellationToken);
        if (request is null)
        {
            await RestJsonErrorWriter.WriteAsync(context.Response, new AwsServiceErrorException(413, "RequestEntityTooLargeException", "Request Too Long", null), cancellationToken);
            return;
        }

        if (request.RawPath.StartsWith(EmulatorAdminRoutes.Prefix, StringComparison.Ordinal))
        {
            await admin.HandleAsync(context, request.RawPath, request.Body);
        }
        else if (IsSignedFor(request, "sts"))
        {
            // STS GetCallerIdentity on the same port, so one endpoint serves a whole sandbox account.
            await StsCallerIdentityResponder.RespondAsync(context, request, verifier);
        }
        else if (IsEc2(request))
        {
            await HandleEc2Async(context, request, requestId, cancellationToken);
        }
        else
        {
            await HandleGuardDutyAsync(context, request, cancellationToken);
        }
    }

    private async Task HandleGuardDutyAsync(HttpContext context, SigV4Request request, CancellationToken cancellationToken)
    {
        try
        {
            var route = GuardDutyRouter.Match(request.Method, request.RawPath) ?? throw GuardDutyErrors.UnknownRoute();
            var identity = Authenticate(request, "guardduty", failure => RestJsonErrorWriter.FromAuthFailure(failure));
            state.Calls.Record("guardduty", route.Operation, identity.Region);
            var decision = state.Faults.Evaluate("guardduty", route.Operation, identity.Region, identity.AccountId);
            await DelayAsync(decision.Latency, cancellationToken);
            if (decision.Fault is { } fault)
            {
                throw GuardDutyErrors.FromFault(fault, route.Operation, identity.AccountId, identity.Region);
            }

            var call = new GuardDutyCall(identity, route, new RequestMembers(ParseBody(request.Body)), new QueryMembers(ParseQuery(request.RawQuery)));
            var result = operations.Execute(call);
            var bytes = Encoding.UTF8.GetBytes(WireJson.Serialize(result));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, cancellationToken);
        }
        catch (AwsServiceErrorException error)
        {
            await RestJsonErrorWriter.WriteAsync(context.Response, error, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "GuardDuty emulator failed on {Method} {Path}", request.Method, request.RawPath);
            await RestJsonErrorWriter.WriteAsync(context.Response, GuardDutyErrors.InternalError(), cancellationToken);
        }
    }

    private async Task HandleEc2Async(HttpContext context, SigV4Request request, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            var identity = Authenticate(request, "ec2", Ec2Errors.FromAuthFailure);
            var parameters = Ec2Parameters(context.Request, request);
            var action = parameters.GetValueOrDefault("Action") ?? throw new Ec2ErrorException(400, "MissingAction", "The request must contain the parameter Action.");
            if (action != "DescribeRegions")
            {
                throw new Ec2ErrorException(400, "InvalidAction", $"The action {action} is not valid for this web service.");
            }

            if (!parameters.ContainsKey("Version"))
            {
                throw new Ec2ErrorException(400, "MissingParameter", "The request must contain the parameter Version.");
            }

            state.Calls.Record("ec2", action, identity.Region);
            var decision = state.Faults.Evaluate("ec2", action, identity.Region, identity.AccountId);
            await DelayAsync(decision.Latency, cancellationToken);
            if (decision.Fault is { } fault)
            {
                throw Ec2Errors.FromFault(fault);
            }

            var xml = Ec2XmlWriter.DescribeRegionsResponse(requestId, describeRegions.Execute(parameters));
            await Ec2XmlWriter.WriteAsync(context.Response, 200, xml, cancellationToken);
        }
        catch (Ec2ErrorException error)
        {
            await Ec2XmlWriter.WriteAsync(context.Response, error.StatusCode, Ec2XmlWriter.ErrorResponse(requestId, error), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "EC2 emulator failed on {Method} {Path}", request.Method, request.RawPath);
            var error = Ec2Errors.FromFault(FaultKind.InternalError);
            await Ec2XmlWriter.WriteAsync(context.Response, error.StatusCode, Ec2XmlWriter.ErrorResponse(requestId, error), cancellationToken);
        }
    }

    private SigV4Identity Authenticate(SigV4Request request, string service, Func<AwsAuthException, Exception> map)
    {
        try
        {
            var identity = verifier.Verify(request);
            if (identity.Service != service)
            {
                throw new AwsAuthException(AwsAuthFailure.InvalidScope, $"Credential should be scoped to correct service: '{service}'. ");
            }

            if (!regionNames.Contains(identity.Region))
            {
                throw new AwsAuthException(AwsAuthFailure.InvalidScope, $"Credential should be scoped to a valid region, not '{identity.Region}'. ");
            }

            return identity;
        }
        catch (AwsAuthException failure)
        {
            throw map(failure);
        }
    }

    private static bool IsSignedFor(SigV4Request request, string service) =>
        request.Header("Authorization") is { } authorization
        && SigV4AuthorizationHeader.TryParse(authorization, out var header, out _)
        && header!.Service == service;

    private static bool IsEc2(SigV4Request request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is not null && SigV4AuthorizationHeader.TryParse(authorization, out var header, out _))
        {
            return header!.Service == "ec2";
        }

        return request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static Dictionary<string, string> Ec2Parameters(HttpRequest httpRequest, SigV4Request request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(request.RawQuery))
        {
            parameters[name] = values.ToString();
        }

        if (httpRequest.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body)))
            {
                parameters[name] = values.ToString();
            }
        }

        return parameters;
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
            throw GuardDutyErrors.BadRequest("The request is rejected because the request body could not be parsed as a JSON object.");
        }
    }

    private static Dictionary<string, string> ParseQuery(string rawQuery) =>
        QueryHelpers.ParseQuery(rawQuery).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);

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

    private static async Task DelayAsync(TimeSpan latency, CancellationToken cancellationToken)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }
    }
}
