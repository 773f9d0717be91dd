using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// An EventBridge event as the rule's SQS target delivers it:
/// <c>{"version","id","detail-type","source","account","time","region","resources","detail"}</c>.
/// <see cref="Raw"/> is the whole event as received (for notes and logs).
/// </summary>
public sealed record EventBridgeEvent(
    string Id,
    string Source,
    string DetailType,
    string? Account,
    string? Time,
    string? Region,
    JToken? Detail,
    JObject Raw);
