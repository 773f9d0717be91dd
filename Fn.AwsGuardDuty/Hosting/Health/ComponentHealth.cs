namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>
/// One part of the app as a probe sees it now. <paramref name="Alive"/> false means its loop died or stalled (the
/// process should be restarted); <paramref name="Ready"/> false means it cannot do its work yet or at the moment
/// (connecting, reconnecting). <paramref name="Reason"/> says why, for people.
/// </summary>
public sealed record ComponentHealth(string Name, bool Ready, bool Alive, string? Reason)
{
    public static ComponentHealth Healthy(string name) => new(name, true, true, null);

    public static ComponentHealth NotReady(string name, string reason) => new(name, false, true, reason);

    public static ComponentHealth Dead(string name, string reason) => new(name, false, false, reason);
}
