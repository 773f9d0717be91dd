namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// A queue as tests see it. <see cref="Depth"/> counts messages waiting for a consumer, <see cref="InFlight"/>
/// messages delivered and not yet acknowledged; <see cref="Dequeued"/> counts acknowledged (or auto-acked) ones.
/// </summary>
public sealed record SandboxQueueStats(string Name, int Depth, int InFlight, int Consumers, long Enqueued, long Dequeued, long Redelivered);
