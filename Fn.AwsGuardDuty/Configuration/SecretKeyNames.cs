namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Which app.config keys hold secrets. Their values never appear in a log line, a ToString or an exception
/// message, an unresolved <c>$VAR</c> in them is an error, and the logging layer masks their values.
/// </summary>
public static class SecretKeyNames
{
    // Name fragments rather than a fixed list, so secrets of sections we do not bind
    // (proxy_password, a future pam secret, other apps' tokens) are protected as well.
    private static readonly string[] Fragments = ["secret", "password", "passwd", "passcode", "token"];

    public static bool IsSecret(string key) =>
        Fragments.Any(f => key.Contains(f, StringComparison.OrdinalIgnoreCase));
}
