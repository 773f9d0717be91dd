namespace Fn.AwsGuardDuty.Logging;

/// <summary>
/// Masks every configured secret value (api_key_secret, passwords, AWS secret key and session token, proxy
/// passwords) wherever it appears in a rendered log line, exception text included.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "********";

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public int Count => _secrets.Length;

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
