using System.Net;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>SOAR answered with an error status that was not retried (or still failed after the retries).</summary>
public class SoarHttpException : SoarException
{
    public SoarHttpException(string method, string path, HttpStatusCode statusCode, string? serverMessage, int attempts)
        : base(BuildMessage(method, path, statusCode, serverMessage, attempts))
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        Attempts = attempts;
    }

    public string Method { get; }

    public string Path { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>message</c> of SOAR's error body when it had one (trimmed).</summary>
    public string? ServerMessage { get; }

    public int Attempts { get; }

    private static string BuildMessage(string method, string path, HttpStatusCode status, string? serverMessage, int attempts)
    {
        var text = $"SOAR {method} {path} failed with HTTP {(int)status} {status}";
        if (attempts > 1)
        {
            text += $" after {attempts} attempts";
        }

        return string.IsNullOrEmpty(serverMessage) ? text : $"{text}: {serverMessage}";
    }
}
