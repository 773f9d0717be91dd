using System.Buffers;
using System.Globalization;
using System.Text;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// Writes frames in STOMP 1.2 wire form. <c>content-length</c> is always computed from the body (any value in
/// the frame is replaced) for frames that carry a body, so bodies may hold NUL bytes.
/// </summary>
public static class StompFrameEncoder
{
    private static readonly byte[] HeartBeatBytes = [(byte)'\n'];

    public static ReadOnlySpan<byte> HeartBeat => HeartBeatBytes;

    public static void Encode(StompFrame frame, IBufferWriter<byte> output)
    {
        var escape = StompCommands.UsesHeaderEscaping(frame.Command);
        WriteAscii(output, frame.Command);
        WriteByte(output, (byte)'\n');
        foreach (var (name, value) in frame.Headers)
        {
            if (string.Equals(name, StompHeaders.ContentLength, StringComparison.Ordinal))
            {
                continue;
            }

            WriteHeader(output, name, value, escape);
        }

        if (CarriesBody(frame))
        {
            WriteHeader(output, StompHeaders.ContentLength, frame.Body.Length.ToString(CultureInfo.InvariantCulture), false);
        }

        WriteByte(output, (byte)'\n');
        output.Write(frame.Body.Span);
        WriteByte(output, 0);
    }

    public static byte[] Encode(StompFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + frame.Body.Length);
        Encode(frame, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool CarriesBody(StompFrame frame) =>
        frame.Body.Length > 0 || frame.Command is StompCommands.Send or StompCommands.Message or StompCommands.Error;

    private static void WriteHeader(IBufferWriter<byte> output, string name, string value, bool escape)
    {
        if (escape)
        {
            name = StompHeaderEscaping.Escape(name);
            value = StompHeaderEscaping.Escape(value);
        }
        else if (name.AsSpan().IndexOfAny("\r\n:") >= 0 || value.AsSpan().IndexOfAny("\r\n") >= 0)
        {
            throw new ArgumentException($"header '{name}' cannot be sent unescaped in a CONNECT/CONNECTED frame");
        }

        WriteUtf8(output, name);
        WriteByte(output, (byte)':');
        WriteUtf8(output, value);
        WriteByte(output, (byte)'\n');
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text) => WriteUtf8(output, text);

    private static void WriteUtf8(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        var span = output.GetSpan(1);
        span[0] = value;
        output.Advance(1);
    }
}
