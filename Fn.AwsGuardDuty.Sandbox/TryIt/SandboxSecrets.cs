using System.Security.Cryptography;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The credentials of one sandbox run, made fresh each time: the app's SOAR API key (also its STOMP login, as on a
/// real SOAR), an analyst's API key for REST pokes, the platform's broker login and the AWS access key. They are
/// written to <c>.sandbox/</c> files and never printed.
/// </summary>
public sealed class SandboxSecrets
{
    public const string AwsAccountId = "123456789012";
    public const int AppKeyHandle = 9;
    public const int AnalystKeyHandle = 10;

    public string AppKeyId { get; } = "fn-aws-gd-" + Token(4);

    public string AppKeySecret { get; } = Token(16);

    public string AnalystKeyId { get; } = "analyst-" + Token(4);

    public string AnalystKeySecret { get; } = Token(16);

    public string PlatformLogin { get; } = "soar-platform";

    public string PlatformPasscode { get; } = Token(16);

    public string AwsAccessKeyId { get; } = "AKIASANDBX" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));

    public string AwsSecretAccessKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    /// <summary>Every secret, for checks that none leaked to the console or the log.</summary>
    public IReadOnlyList<string> All => [AppKeySecret, AnalystKeySecret, PlatformPasscode, AwsSecretAccessKey];

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
