namespace Fn.AwsGuardDuty.Tls;

/// <summary>A CA file that cannot be used; the message names the file and why, never its content.</summary>
public sealed class CaBundleException(string path, string reason, Exception? inner = null)
    : Exception($"{path} {reason}", inner)
{
    public string FilePath { get; } = path;

    public string Reason { get; } = reason;
}
