namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>A refusal with the status and message SOAR would answer; turned into SOAR's error JSON by the pipeline.</summary>
public sealed class SoarHttpException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static SoarHttpException BadRequest(string message) => new(400, message);

    public static SoarHttpException NotFound(string message) => new(404, message);

    public static SoarHttpException Conflict(string message) => new(409, message);
}
