namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// The outcome of heart-beat negotiation (STOMP 1.2 §Heart-beating) between what we asked for in CONNECT and
/// what the server answered in CONNECTED.
/// </summary>
public readonly record struct StompHeartBeatSchedule(TimeSpan ClientSendInterval, TimeSpan ServerSendInterval)
{
    /// <summary>How long without any received byte before the connection is considered dead (2x the server interval).</summary>
    public TimeSpan ReceiveTimeout => ServerSendInterval == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : ServerSendInterval * 2;

    public static StompHeartBeatSchedule Negotiate(StompHeartBeat client, StompHeartBeat server)
    {
        var serverToClient = client.ReceiveMs == 0 || server.SendMs == 0 ? 0 : Math.Max(client.ReceiveMs, server.SendMs);
        int clientToServer;
        if (server.ReceiveMs == 0)
        {
            clientToServer = 0;
        }
        else if (client.SendMs == 0)
        {
            // Strictly 1.2 gives "none" here. A broker that still asks for beats (second value of its heart-beat
            // header) gets them at its own pace: an EOL is always legal and costs nothing, and a strict broker
            // would otherwise drop an idle consumer.
            clientToServer = server.ReceiveMs;
        }
        else
        {
            clientToServer = Math.Max(client.SendMs, server.ReceiveMs);
        }

        return new StompHeartBeatSchedule(TimeSpan.FromMilliseconds(clientToServer), TimeSpan.FromMilliseconds(serverToClient));
    }
}
