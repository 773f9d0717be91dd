namespace Fn.AwsGuardDuty.Stomp;

public enum StompConnectionState
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>Connecting, or connected and re-subscribing.</summary>
    Connecting,

    /// <summary>Connected and every subscription confirmed.</summary>
    Connected,

    /// <summary>The connection was lost; waiting before the next attempt.</summary>
    Reconnecting,

    /// <summary>Stopped for good.</summary>
    Closed,
}
