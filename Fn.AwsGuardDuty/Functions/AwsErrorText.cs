using System.Globalization;
using Fn.AwsGuardDuty.GuardDuty.Errors;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The one-line text of a GuardDuty failure that functions report: <c>&lt;code&gt;: &lt;message&gt;</c>, e.g.
/// <c>BadRequestException: The request is rejected because the input detectorId is not owned by the current account.</c>
/// Errors without an AWS code get a stable stand-in code (<c>Timeout</c>, <c>ConnectionError</c>, <c>CredentialsError</c>,
/// <c>InvalidResponse</c>). Retryable errors that outlived the retries say how many attempts were made.
/// </summary>
public static class AwsErrorText
{
    public static string Describe(GuardDutyException error) => error switch
    {
        GuardDutyServiceException s => $"{s.ErrorCode}: {s.ServiceMessage}{GaveUp(s)}",
        GuardDutyTimeoutException t => $"Timeout: {t.Message}",
        GuardDutyTransportException t => $"ConnectionError: {t.Message}",
        GuardDutyCredentialsException c => $"CredentialsError: {c.Message}",
        GuardDutyResponseException r => $"InvalidResponse: {r.Message}",
        _ => error.Message,
    };

    private static string GaveUp(GuardDutyServiceException error) =>
        error.IsRetryable && error.Attempts > 1
            ? string.Create(CultureInfo.InvariantCulture, $" (still failing after {error.Attempts} attempts)")
            : "";
}
