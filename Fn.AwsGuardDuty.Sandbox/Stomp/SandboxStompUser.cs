namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// A broker account, as ActiveMQ's simple authentication plugin holds it, plus the queues it may read and write.
/// Queue patterns use ActiveMQ's wildcards: <c>.</c> separates segments, <c>*</c> matches one segment and
/// <c>&gt;</c> matches the rest (<c>actions.&gt;</c>, <c>acks.201.*</c>, <c>&gt;</c> for everything).
/// </summary>
public sealed class SandboxStompUser
{
    public SandboxStompUser(string login, string passcode)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        ArgumentNullException.ThrowIfNull(passcode);
        Login = login;
        Passcode = passcode;
    }

    public string Login { get; }

    /// <summary>Never logged and never part of <see cref="ToString"/>.</summary>
    public string Passcode { get; }

    public IReadOnlyList<string> ReadQueues { get; init; } = [">"];

    public IReadOnlyList<string> WriteQueues { get; init; } = [">"];

    public bool CanRead(string queue) => ReadQueues.Any(p => QueuePattern.Matches(p, queue));

    public bool CanWrite(string queue) => WriteQueues.Any(p => QueuePattern.Matches(p, queue));

    public override string ToString() => $"user {Login}";
}
