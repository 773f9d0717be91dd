using System.Buffers;
using System.Globalization;
using System.Text;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// Incremental STOMP 1.2 decoder. Feed it whatever bytes have arrived (one byte, or many frames at once):
/// <see cref="TryDecode"/> consumes heart-beat EOLs (LF or CRLF) between frames, and returns one complete frame
/// at a time, leaving an incomplete one in the buffer for the next call. Grammar or limit violations raise
/// <see cref="StompProtocolException"/>; after that the stream is unusable and the caller closes the connection.
/// </summary>
public sealed class StompFrameDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public StompFrameDecoder(StompCodecLimits? limits = null)
    {
        Limits = limits ?? StompCodecLimits.Default;
        Limits.Validate();
    }

    public StompCodecLimits Limits { get; }

    /// <summary>
    /// Tries to take one frame from the front of <paramref name="buffer"/>. On return, <paramref name="buffer"/>
    /// starts after everything consumed (heart-beats and the frame, if one was complete).
    /// </summary>
    public bool TryDecode(ref ReadOnlySequence<byte> buffer, out StompFrame? frame)
    {
        frame = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!SkipHeartBeats(ref reader))
        {
            buffer = buffer.Slice(reader.Position);
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        if (reader.End)
        {
            return false;
        }

        var headerStart = reader.Consumed;
        if (!TryReadLine(ref reader, headerStart, out var commandLine))
        {
            return false;
        }

        var command = DecodeText(commandLine);
        if (command.Length == 0 || !StompCommands.IsKnown(command))
        {
            throw new StompProtocolException($"unknown STOMP command '{Truncate(command)}'");
        }

        var unescape = StompCommands.UsesHeaderEscaping(command);
        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            if (!TryReadLine(ref reader, headerStart, out var line))
            {
                return false;
            }

            if (line.IsEmpty)
            {
                break;
            }

            if (headers.Count >= Limits.MaxHeaders)
            {
                throw new StompProtocolException($"{command} frame has more than {Limits.MaxHeaders} headers");
            }

            headers.Add(ParseHeader(line, unescape));
        }

        var contentLength = ContentLength(headers);
        ReadOnlySequence<byte> body;
        if (contentLength is { } length)
        {
            if (length > Limits.MaxBodyBytes)
            {
                throw new StompProtocolException($"{command} frame body of {length} bytes exceeds the limit of {Limits.MaxBodyBytes}");
            }

            if (reader.Remaining < length + 1L)
            {
                return false;
            }

            body = reader.UnreadSequence.Slice(0, length);
            reader.Advance(length);
            reader.TryRead(out var terminator);
            if (terminator != 0)
            {
                throw new StompProtocolException($"{command} frame is not terminated by NUL after content-length {length}");
            }
        }
        else if (!reader.TryReadTo(out body, 0))
        {
            if (reader.Remaining > Limits.MaxBodyBytes)
            {
                throw new StompProtocolException($"{command} frame body exceeds the limit of {Limits.MaxBodyBytes} bytes without a NUL terminator");
            }

            return false;
        }
        else if (body.Length > Limits.MaxBodyBytes)
        {
            throw new StompProtocolException($"{command} frame body of {body.Length} bytes exceeds the limit of {Limits.MaxBodyBytes}");
        }

        frame = new StompFrame(command, headers, body.ToArray());
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    /// <summary>Decodes every complete frame in <paramref name="bytes"/>; trailing incomplete bytes are an error.</summary>
    public IReadOnlyList<StompFrame> DecodeAll(ReadOnlyMemory<byte> bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var frames = new List<StompFrame>();
        while (TryDecode(ref buffer, out var frame))
        {
            frames.Add(frame!);
        }

        if (!buffer.IsEmpty)
        {
            throw new StompProtocolException($"{buffer.Length} trailing bytes do not form a complete frame");
        }

        return frames;
    }

    /// <summary>Consumes LF and CRLF; false when the data ends in the middle of a CRLF.</summary>
    private static bool SkipHeartBeats(ref SequenceReader<byte> reader)
    {
        while (reader.TryPeek(out var b))
        {
            if (b == (byte)'\n')
            {
                reader.Advance(1);
            }
            else if (b == (byte)'\r')
            {
                if (!reader.TryPeek(1, out var next))
                {
                    return false;
                }

                if (next != (byte)'\n')
                {
                    throw new StompProtocolException("carriage return not followed by line feed between frames");
                }

                reader.Advance(2);
            }
            else
            {
                break;
            }
        }

        return true;
    }

    private bool TryReadLine(ref SequenceReader<byte> reader, long headerStart, out ReadOnlySequence<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            if (reader.Consumed - headerStart + reader.Remaining > Limits.MaxHeaderBytes)
            {
                throw new StompProtocolException($"frame header block exceeds the limit of {Limits.MaxHeaderBytes} bytes");
            }

            return false;
        }

        if (reader.Consumed - headerStart > Limits.MaxHeaderBytes)
        {
            throw new StompProtocolException($"frame header block exceeds the limit of {Limits.MaxHeaderBytes} bytes");
        }

        if (!line.IsEmpty && EndsWithCarriageReturn(line))
        {
            line = line.Slice(0, line.Length - 1);
        }

        return true;
    }

    private static bool EndsWithCarriageReturn(ReadOnlySequence<byte> line)
    {
        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }

    private static KeyValuePair<string, string> ParseHeader(ReadOnlySequence<byte> line, bool unescape)
    {
        var text = DecodeText(line);
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            throw new StompProtocolException(colon == 0
                ? "header line with an empty name"
                : $"header line without a colon: '{Truncate(text)}'");
        }

        var name = text[..colon];
        var value = text[(colon + 1)..];
        if (unescape)
        {
            name = StompHeaderEscaping.Unescape(name);
            value = StompHeaderEscaping.Unescape(value);
        }
        else if (name.Contains('\r') || value.Contains('\r'))
        {
            throw new StompProtocolException("carriage return inside a header line");
        }

        return new KeyValuePair<string, string>(name, value);
    }

    private static int? ContentLength(List<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name != StompHeaders.ContentLength)
            {
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new StompProtocolException($"invalid content-length '{Truncate(value)}'");
            }

            return length;
        }

        return null;
    }

    private static string DecodeText(ReadOnlySequence<byte> bytes)
    {
        try
        {
            return bytes.IsSingleSegment ? StrictUtf8.GetString(bytes.FirstSpan) : StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new StompProtocolException("frame header is not valid UTF-8");
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
