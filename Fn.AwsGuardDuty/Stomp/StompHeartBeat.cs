using System.Globalization;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>A <c>heart-beat:cx,cy</c> header value: how often the sender will beat, and how often it wants beats.</summary>
public readonly record struct StompHeartBeat(int SendMs, int ReceiveMs)
{
    public static StompHeartBeat None => new(0, 0);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SendMs},{ReceiveMs}");

    /// <summary>Parses a header value; a missing header means no heart-beats, a malformed one is a protocol error.</summary>
    public static StompHeartBeat Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return None;
        }

        var parts = value.Split(',');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var send)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var receive))
        {
            throw new StompProtocolException($"invalid heart-beat header '{value}'");
        }

        return new StompHeartBeat(send, receive);
    }
}
