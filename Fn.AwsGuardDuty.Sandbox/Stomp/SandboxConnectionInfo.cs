namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>A live connection as tests see it: who logged in, and the subscriptions it holds (id and queue).</summary>
public sealed record SandboxConnectionInfo(
    long Id, string? Login, bool Connected, string RemoteEndPoint, IReadOnlyList<(string Id, string Queue)> Subscriptions, int OpenTransactions);
