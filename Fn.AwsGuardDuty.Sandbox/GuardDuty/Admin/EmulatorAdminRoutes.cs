using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Admin;

/// <summary>
/// Unsigned control routes under <c>/_emulator/</c> for poking at a running sandbox with curl (the listener is
/// loopback-only). Everything here is also available in-process through <see cref="GuardDutyEmulatorState"/>.
/// <list type="bullet">
/// <item><c>GET /_emulator/state</c>: detectors with finding counts, call counts, fault summary.</item>
/// <item><c>POST /_emulator/findings</c>: a finding object or an array of them (wire camelCase), stored by their own accountId/region.</item>
/// <item><c>POST /_emulator/faults</c>: <c>{"clear", "latencyMs", "throttleEveryNth", "throttleBurst", "throttleProbability", "seed",
/// "failEveryNth", "failBurst", "operation", "denyRegion", "allowRegion"}</c>, all optional.</item>
/// <item><c>POST /_emulator/calls/reset</c>.</item>
/// </list>
/// </summary>
internal sealed class EmulatorAdminRoutes(GuardDutyEmulatorState state)
{
    public const string Prefix = "/_emulator/";

    public async Task HandleAsync(HttpContext context, string rawPath, byte[] body)
    {
        JToken result;
        int status = 200;
        try
        {
            result = (context.Request.Method, rawPath[Prefix.Length..]) switch
            {
                ("GET", "state") => Snapshot(),
                ("POST", "findings") => AddFindings(Parse(body)),
                ("POST", "faults") => SetFaults(Parse(body) as JObject ?? throw new ArgumentException("The faults body must be a JSON object.")),
                ("POST", "calls/reset") => ResetCalls(),
                _ => throw new KeyNotFoundException($"No admin route {context.Request.Method} {rawPath}."),
            };
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            status = exception is KeyNotFoundException ? 404 : 400;
            result = new JObject { ["message"] = exception.Message };
        }

        var bytes = Encoding.UTF8.GetBytes(WireJson.Serialize(result));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static JToken Parse(byte[] body) => WireJson.Parse(Encoding.UTF8.GetString(body));

    private JObject Snapshot() => new()
    {
        ["detectors"] = new JArray(state.Detectors().Select(key =>
        {
            var findings = state.Findings(key);
            return new JObject
            {
                ["accountId"] = key.AccountId,
                ["region"] = key.Region,
                ["detectorId"] = key.DetectorId,
                ["findings"] = findings.Count,
                ["archived"] = findings.Count(f => f.SelectToken("service.archived")?.Type == JTokenType.Boolean && (bool)f.SelectToken("service.archived")!),
            };
        })),
        ["calls"] = JObject.FromObject(state.Calls.ByOperation()),
        ["faults"] = new JObject
        {
            ["rules"] = state.Faults.Rules.Count,
            ["latencyMs"] = state.Faults.Latency.TotalMilliseconds,
            ["injected"] = state.Faults.InjectedCount,
        },
    };

    private JObject AddFindings(JToken body)
    {
        var findings = body switch
        {
            JObject single => [single],
            JArray array when array.All(item => item is JObject) => array.Cast<JObject>().ToList(),
            _ => throw new ArgumentException("Send a finding object or an array of finding objects."),
        };
        foreach (var finding in findings)
        {
            state.AddFinding(finding);
        }

        return new JObject { ["added"] = findings.Count };
    }

    private JObject SetFaults(JObject body)
    {
        var faults = state.Faults;
        var operation = body.Value<string>("operation");
        if (body.Value<bool?>("clear") == true)
        {
            faults.Clear();
        }

        if (body.Value<double?>("latencyMs") is { } latency)
        {
            faults.Latency = TimeSpan.FromMilliseconds(latency);
        }

        if (body.Value<int?>("throttleEveryNth") is { } nth)
        {
            faults.ThrottleEveryNthCall(nth, operation);
        }

        if (body.Value<int?>("throttleBurst") is { } burst)
        {
            faults.ThrottleBurst(burst, 0, operation);
        }

        if (body.Value<double?>("throttleProbability") is { } probability)
        {
            faults.ThrottleRandomly(probability, body.Value<int?>("seed") ?? 1, operation);
        }

        if (body.Value<int?>("failEveryNth") is { } failNth)
        {
            faults.FailEveryNthCall(failNth, operation);
        }

        if (body.Value<int?>("failBurst") is { } failBurst)
        {
            faults.FailBurst(failBurst, 0, operation);
        }

        if (body.Value<string>("denyRegion") is { } denied)
        {
            faults.DenyRegion(denied);
        }

        if (body.Value<string>("allowRegion") is { } allowed)
        {
            faults.AllowRegion(allowed);
        }

        return new JObject { ["rules"] = faults.Rules.Count, ["latencyMs"] = faults.Latency.TotalMilliseconds };
    }

    private JObject ResetCalls()
    {
        state.Calls.Reset();
        return new JObject();
    }
}
