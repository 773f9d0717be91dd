using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>
/// The function listener's STOMP side. Ready while the client is <see cref="StompConnectionState.Connected"/>, which it
/// becomes only after the broker confirmed (RECEIPT) every SUBSCRIBE of the connection; not ready while connecting or
/// after a connection was lost (with the loss's reason, learnt from <see cref="StompClient.Disconnected"/>). Dead when
/// the listener stopped on a fatal error or the client's connect loop ended while the host still runs.
/// </summary>
public sealed class StompSubscriptionProbe : IHealthProbe, IDisposable
{
    public const string Name = "stomp";

    private readonly StompClient _client;
    private readonly FunctionListener _listener;
    private readonly HostStopping _stopping;
    private string? _lastLoss;

    public StompSubscriptionProbe(StompClient client, FunctionListener listener, HostStopping stopping)
    {
        _client = client;
        _listener = listener;
        _stopping = stopping;
        _client.Disconnected += OnDisconnected;
    }

    public ComponentHealth? Check()
    {
        if (_listener.Completion.IsFaulted)
        {
            return ComponentHealth.Dead(Name, $"the function listener stopped: {_listener.Completion.Exception?.GetBaseException().Message}");
        }

        return _client.State switch
        {
            StompConnectionState.Connected => ComponentHealth.Healthy(Name),
            StompConnectionState.Idle => ComponentHealth.NotReady(Name, "not started"),
            StompConnectionState.Connecting => ComponentHealth.NotReady(Name, WithLoss($"connecting to the broker and subscribing to {_listener.Destination}")),
            StompConnectionState.Reconnecting => ComponentHealth.NotReady(Name, WithLoss("not connected to the broker; retrying")),
            _ when _stopping.IsStopping => ComponentHealth.NotReady(Name, "stopping"),
            _ => ComponentHealth.Dead(Name, "the STOMP client stopped while the app runs"),
        };
    }

    private string WithLoss(string state) => Volatile.Read(ref _lastLoss) is { } loss ? $"{state} (last {loss})" : state;

    public void Dispose() => _client.Disconnected -= OnDisconnected;

    private void OnDisconnected(long generation, Exception? reason) =>
        Volatile.Write(ref _lastLoss, $"connection #{generation} lost: {reason?.Message ?? "closed by the broker"}");
}
