using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>What a handler answers: a status and a JSON body.</summary>
internal sealed record SoarResult(int Status, JToken Body)
{
    public static SoarResult Ok(JToken body) => new(200, body);
}
