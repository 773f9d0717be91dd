using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The success content of the create/update/delete IPSet and ThreatIntelSet functions: the reference returns boto3's
/// whole response plus <c>"status":"ok"</c>; this keeps the shape the spec allows (§4.4),
/// <c>{"ResponseMetadata":{"RequestId","HTTPStatusCode"}, [IpSetId|ThreatIntelSetId], "status":"ok"}</c>.
/// The GuardDuty client does not surface the <c>x-amzn-RequestId</c> of a successful call, so <c>RequestId</c> is null;
/// the client only returns on a 2xx, and GuardDuty answers these operations with 200.
/// </summary>
public static class OkContent
{
    public const int HttpStatusCode = 200;

    public static JObject Build(string? idMember = null, string? id = null)
    {
        var content = new JObject
        {
            ["ResponseMetadata"] = new JObject
            {
                ["RequestId"] = null,
                ["HTTPStatusCode"] = HttpStatusCode,
            },
        };
        if (idMember is not null)
            content[idMember] = id;
        content["status"] = "ok";
        return content;
    }
}
