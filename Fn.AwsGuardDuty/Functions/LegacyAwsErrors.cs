using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The error convention of the two legacy functions (guardduty-app.md §4.1), kept so the reference's playbook scripts
/// keep working. The reference's <c>AwsGdClient.post</c> RETURNS <c>{"status":"error","msg":…}</c> (a successful call
/// with an error status) for botocore ClientErrors whose text holds <c>ValidationError</c>, <c>BadRequestException</c>
/// or <c>InternalServerErrorException</c>, and re-raises everything else (the call fails in SOAR). Here:
/// <list type="bullet">
/// <item>"client errors", returned as content: GuardDuty's 400s (<c>BadRequestException</c> and any other 400
/// validation code: unknown or foreign detector, bad id, bad value) and <c>InternalServerErrorException</c> once the
/// retries are spent. The reference meant to return the latter too; a missing comma in its list broke that (§8 #23).</item>
/// <item>everything else (throttling that outlived the retries, other 5xx, access denied, bad credentials, timeouts,
/// an unreachable endpoint) fails the call with a <see cref="FunctionErrorException"/> that says what happened.</item>
/// </list>
/// </summary>
public static class LegacyAwsErrors
{
    public static bool IsClientError(GuardDutyException error) =>
        error is GuardDutyServiceException s
        && (s.Kind == GuardDutyErrorKind.BadRequest
            || s.ErrorCode == "InternalServerErrorException"
            || s.ErrorCode.Contains("Validation", StringComparison.Ordinal));

    /// <summary><c>{"status":"error","msg":"&lt;code&gt;: &lt;message&gt;"}</c>.</summary>
    public static JObject ErrorContent(GuardDutyException error) => new()
    {
        ["status"] = "error",
        ["msg"] = AwsErrorText.Describe(error),
    };

    public static FunctionErrorException Failure(GuardDutyException error) => new(error switch
    {
        GuardDutyServiceException s => $"AWS GuardDuty {s.Operation} in {s.Region} failed: {AwsErrorText.Describe(error)}",
        _ => $"AWS GuardDuty call failed: {AwsErrorText.Describe(error)}",
    }, error);
}
