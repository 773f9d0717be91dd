using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// One access key the emulators accept, the secret its signatures are checked against, and the account it belongs to.
/// With <see cref="SessionToken"/> set, requests must carry that token (temporary credentials).
/// </summary>
public sealed partial class AwsCredential
{
    public AwsCredential(string accessKeyId, string secretAccessKey, string accountId, string? sessionToken = null)
    {
        if (string.IsNullOrWhiteSpace(accessKeyId) || accessKeyId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("The access key id must be non-empty and must not contain '/'.", nameof(accessKeyId));
        }

        if (string.IsNullOrEmpty(secretAccessKey))
        {
            throw new ArgumentException("The secret access key must not be empty.", nameof(secretAccessKey));
        }

        if (!AccountIdPattern().IsMatch(accountId))
        {
            throw new ArgumentException($"The account id of access key {accessKeyId} must be 12 digits.", nameof(accountId));
        }

        if (sessionToken is { Length: 0 })
        {
            throw new ArgumentException("The session token, when given, must not be empty.", nameof(sessionToken));
        }

        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        AccountId = accountId;
        SessionToken = sessionToken;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string AccountId { get; }

    public string? SessionToken { get; }

    /// <summary>Never shows the secret or the token.</summary>
    public override string ToString() => $"{AccessKeyId} (account {AccountId}{(SessionToken is null ? "" : ", session")})";

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();
}
