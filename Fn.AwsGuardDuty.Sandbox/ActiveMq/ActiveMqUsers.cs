using System.Security.Cryptography;

namespace Fn.AwsGuardDuty.Sandbox.ActiveMq;

/// <summary>
/// The broker's two users: <see cref="Username"/> may read and write <c>actions.&gt;</c>, <c>acks.&gt;</c> and
/// <c>stomp-test.&gt;</c>; <see cref="NoReadUsername"/> may not read <c>actions.&gt;</c> (the "not authorized" path).
/// Passwords are random per broker.
/// </summary>
public sealed class ActiveMqUsers
{
    public string Username { get; } = "soar-app";

    public string Password { get; } = NewPassword();

    public string NoReadUsername { get; } = "no-read";

    public string NoReadPassword { get; } = NewPassword();

    private static string NewPassword() => "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
