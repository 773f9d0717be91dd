using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>Every enabled part's health at one moment: ready when all are ready, alive when all are alive.</summary>
public sealed record HealthReport(IReadOnlyList<ComponentHealth> Components)
{
    public bool IsReady => Components.All(c => c.Ready);

    public bool IsAlive => Components.All(c => c.Alive);

    /// <summary>The parts that are not ready, as "name: reason" (empty when ready).</summary>
    public IReadOnlyList<string> NotReady => [.. Components.Where(c => !c.Ready).Select(c => $"{c.Name}: {c.Reason}")];

    /// <summary>The parts whose loop died or stalled, as "name: reason".</summary>
    public IReadOnlyList<string> Dead => [.. Components.Where(c => !c.Alive).Select(c => $"{c.Name}: {c.Reason}")];

    /// <summary>
    /// The body of /readyz or /healthz: <c>{"status":"ready"|"not ready"|"alive"|"dead","components":{"stomp":{"ready":false,
    /// "alive":true,"reason":"..."},...}}</c>; <paramref name="liveness"/> picks which of the two questions "status" answers.
    /// </summary>
    public string ToJson(bool liveness)
    {
        var components = new JObject();
        foreach (var c in Components)
        {
            var entry = new JObject { ["ready"] = c.Ready, ["alive"] = c.Alive };
            if (c.Reason is not null) entry["reason"] = c.Reason;
            components[c.Name] = entry;
        }

        var status = liveness ? (IsAlive ? "alive" : "dead") : (IsReady ? "ready" : "not ready");
        return new JObject { ["status"] = status, ["components"] = components }.ToString(Formatting.None);
    }
}
