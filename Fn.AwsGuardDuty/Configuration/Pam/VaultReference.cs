namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// A HashiCorpVault reference, as IBM's plugin reads it: <c>&lt;engine&gt;.&lt;path&gt;.&lt;key&gt;</c> (the <c>^</c> or
/// <c>^{…}</c> around it removed), exactly three dot-separated parts, e.g. <c>secret.mysql/webapp.password</c>: the KV
/// version 2 mount <c>secret</c>, the secret <c>mysql/webapp</c> and its key <c>password</c>.
/// </summary>
public sealed record VaultReference(string Engine, string Path, string Key)
{
    public const string Format = "^<engine>.<path>.<key>, e.g. ^secret.mysql/webapp.password";

    public static bool TryParse(string text, out VaultReference reference)
    {
        reference = null!;
        var parts = text.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        var path = parts[1].Trim('/');
        if (parts[0].Contains('/') || path.Length == 0 || path.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            return false;
        }

        reference = new VaultReference(parts[0], path, parts[2]);
        return true;
    }

    /// <summary>Where the secret lives (no value): <c>engine/path</c>, for messages.</summary>
    public string Location => $"{Engine}/{Path}";
}
