using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The error convention of the IPSet/ThreatIntelSet functions and the new ones (as the reference's 2.0 functions):
/// any GuardDuty failure gives <c>success:false</c>, content <c>{}</c> and a <c>reason</c> naming the AWS error code
/// and message. The playbook continues and its script can report the reason.
/// </summary>
public static class SoftFailure
{
    public static async Task<FunctionResult> RunAsync(ILogger logger, string function, Func<Task<JToken>> work)
    {
        try
        {
            return new FunctionResult(await work().ConfigureAwait(false));
        }
        catch (GuardDutyException error)
        {
            var reason = AwsErrorText.Describe(error);
            logger.LogWarning("{Function} failed: {Reason}", function, reason);
            return FunctionResult.Failed(new JObject(), reason);
        }
    }
}
