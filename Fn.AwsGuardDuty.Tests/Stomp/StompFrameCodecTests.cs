using System.Buffers;
using System.Text;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Tests.Stomp;

public class StompFrameCodecTests
{
    private static readonly StompFrameDecoder Decoder = new();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void Send_frame_is_encoded_with_escaped_headers_and_content_length()
    {
        var frame = StompFrame.Create(StompCommands.Send, "{\"a\": 1}",
            ("destination", "/queue/acks.201.fn_lab"), ("correlation-id", "invid:501"));

        Encoding.UTF8.GetString(StompFrameEncoder.Encode(frame)).Should().Be(
            "SEND\ndestination:/queue/acks.201.fn_lab\ncorrelation-id:invid\\c501\ncontent-length:8\n\n{\"a\": 1}\0");
    }

    [Test]
    public void Connect_headers_are_never_escaped()
    {
        var frame = StompFrame.Create(StompCommands.Connect, null, ("accept-version", "1.2"), ("login", "id:with:colons"));

        Encoding.UTF8.GetString(StompFrameEncoder.Encode(frame)).Should().Be("CONNECT\naccept-version:1.2\nlogin:id:with:colons\n\n\0");
    }

    [Test]
    public void Connect_header_with_a_newline_cannot_be_encoded()
    {
        var frame = StompFrame.Create(StompCommands.Connect, null, ("passcode", "a\nb"));

        FluentActions.Invoking(() => StompFrameEncoder.Encode(frame)).Should().Throw<ArgumentException>()
            .Which.Message.Should().NotContain("a\nb");
    }

    [TestCase("plain", "plain")]
    [TestCase("a:b", "a\\cb")]
    [TestCase("back\\slash", "back\\\\slash")]
    [TestCase("line\nfeed", "line\\nfeed")]
    [TestCase("carriage\rreturn", "carriage\\rreturn")]
    [TestCase("ID:host-1:2\\x\r\n", "ID\\chost-1\\c2\\\\x\\r\\n")]
    public void Header_escaping_round_trips(string raw, string escaped)
    {
        StompHeaderEscaping.Escape(raw).Should().Be(escaped);
        StompHeaderEscaping.Unescape(escaped).Should().Be(raw);
    }

    [Test]
    public void Frame_round_trips_through_encoder_and_decoder()
    {
        var original = new StompFrame(StompCommands.Message,
        [
            new("message-id", "ID:broker-1-1:1:1:1:1"),
            new("ack", "ID:broker-ack-1:1"),
            new("header", "multi\nline\\with:colon"),
            new("unicode", "é漢字"),
        ], Bytes("body ü"));

        var decoded = Decoder.DecodeAll(StompFrameEncoder.Encode(original)).Should().ContainSingle().Subject;

        decoded.Command.Should().Be(StompCommands.Message);
        decoded.Headers.Where(h => h.Key != StompHeaders.ContentLength).Should().Equal(original.Headers);
        decoded.GetHeader(StompHeaders.ContentLength).Should().Be(Bytes("body ü").Length.ToString());
        decoded.GetBodyText().Should().Be("body ü");
    }

    [Test]
    public void Content_length_body_may_contain_NUL()
    {
        byte[] body = [1, 0, 2, 0, 0, 3];
        var encoded = StompFrameEncoder.Encode(new StompFrame(StompCommands.Send, [new("destination", "/queue/x")], body));

        var decoded = Decoder.DecodeAll(encoded).Single();

        decoded.Body.ToArray().Should().Equal(body);
    }

    [Test]
    public void Body_without_content_length_ends_at_the_first_NUL()
    {
        var frames = Decoder.DecodeAll(Bytes("MESSAGE\nmessage-id:1\n\nhello\0"));

        frames.Single().GetBodyText().Should().Be("hello");
    }

    [Test]
    public void Heart_beat_EOLs_between_frames_are_skipped_LF_and_CRLF()
    {
        var frames = Decoder.DecodeAll(Bytes("\n\r\n\nRECEIPT\nreceipt-id:1\n\n\0\r\n\nRECEIPT\nreceipt-id:2\n\n\0\n"));

        frames.Select(f => f.GetHeader("receipt-id")).Should().Equal("1", "2");
    }

    [Test]
    public void CRLF_line_endings_inside_frames_are_accepted()
    {
        var frame = Decoder.DecodeAll(Bytes("MESSAGE\r\nmessage-id:7\r\ndestination:/queue/a\r\n\r\nbody\0")).Single();

        frame.GetHeader("message-id").Should().Be("7");
        frame.GetHeader("destination").Should().Be("/queue/a");
        frame.GetBodyText().Should().Be("body");
    }

    [Test]
    public void Repeated_header_keeps_the_first_value()
    {
        var frame = Decoder.DecodeAll(Bytes("MESSAGE\nfoo:first\nfoo:second\n\n\0")).Single();

        frame.GetHeader("foo").Should().Be("first");
        frame.Headers.Should().HaveCount(2);
    }

    [Test]
    public void Connected_headers_are_not_unescaped()
    {
        var frame = Decoder.DecodeAll(Bytes("CONNECTED\nsession:ID\\cx\nversion:1.2\n\n\0")).Single();

        frame.GetHeader("session").Should().Be("ID\\cx");
    }

    [Test]
    public void Byte_at_a_time_reads_produce_the_same_frames()
    {
        var stream = Bytes("\nMESSAGE\nmessage-id:ID\\c1\ncontent-length:3\n\na\0b\0\r\nERROR\nmessage:bad\n\noops\0");
        var frames = new List<StompFrame>();
        var pending = Array.Empty<byte>();
        foreach (var b in stream)
        {
            pending = [.. pending, b];
            var buffer = new ReadOnlySequence<byte>(pending);
            while (Decoder.TryDecode(ref buffer, out var frame))
            {
                frames.Add(frame!);
            }

            pending = buffer.ToArray();
        }

        pending.Should().BeEmpty();
        frames.Select(f => f.Command).Should().Equal(StompCommands.Message, StompCommands.Error);
        frames[0].GetHeader("message-id").Should().Be("ID:1");
        frames[0].Body.ToArray().Should().Equal((byte)'a', 0, (byte)'b');
        frames[1].GetBodyText().Should().Be("oops");
    }

    [Test]
    public void Frames_split_across_segments_decode()
    {
        var bytes = Bytes("MESSAGE\nmessage-id:1\ncontent-length:5\n\nhello\0MESSAGE\nmessage-id:2\n\nworld\0");
        var sequence = Segments.Split(bytes, 7);

        var frames = new List<StompFrame>();
        while (Decoder.TryDecode(ref sequence, out var frame))
        {
            frames.Add(frame!);
        }

        sequence.IsEmpty.Should().BeTrue();
        frames.Select(f => f.GetBodyText()).Should().Equal("hello", "world");
    }

    [Test]
    public void Coalesced_frames_in_one_read_all_decode()
    {
        var one = StompFrameEncoder.Encode(StompFrame.Create(StompCommands.Message, "x", ("message-id", "1")));
        var many = Enumerable.Repeat(one, 50).SelectMany(b => b.Append((byte)'\n')).ToArray();

        Decoder.DecodeAll(many).Should().HaveCount(50);
    }

    [Test]
    public void Incomplete_frame_is_left_in_the_buffer()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes("\n\nMESSAGE\nmessage-id:1\ncontent-length:10\n\nabc"));

        Decoder.TryDecode(ref buffer, out var frame).Should().BeFalse();

        frame.Should().BeNull();
        Encoding.UTF8.GetString(buffer.ToArray()).Should().StartWith("MESSAGE");
    }

    [TestCase("MESSAGE\nbad:esc\\tape\n\n\0", "undefined escape")]
    [TestCase("MESSAGE\nlone:backslash\\\n\n\0", "lone backslash")]
    [TestCase("MESSAGE\nnocolon\n\n\0", "without a colon")]
    [TestCase("MESSAGE\n:empty\n\n\0", "empty name")]
    [TestCase("HELLO\n\n\0", "unknown STOMP command")]
    [TestCase("MESSAGE\ncontent-length:abc\n\n\0", "invalid content-length")]
    [TestCase("MESSAGE\ncontent-length:-1\n\n\0", "invalid content-length")]
    [TestCase("MESSAGE\ncontent-length:2\n\nabc\0", "not terminated by NUL")]
    [TestCase("\rMESSAGE\n\n\0", "carriage return")]
    public void Malformed_frames_raise_protocol_errors(string wire, string reason)
    {
        FluentActions.Invoking(() => Decoder.DecodeAll(Bytes(wire)))
            .Should().Throw<StompProtocolException>().WithMessage($"*{reason}*");
    }

    [Test]
    public void Invalid_UTF8_in_a_header_is_a_protocol_error()
    {
        byte[] wire = [.. Bytes("MESSAGE\nx:"), 0xC3, 0x28, .. Bytes("\n\n\0")];

        FluentActions.Invoking(() => Decoder.DecodeAll(wire)).Should().Throw<StompProtocolException>().WithMessage("*UTF-8*");
    }

    [Test]
    public void Oversize_content_length_is_refused_before_the_body_arrives()
    {
        var decoder = new StompFrameDecoder(new StompCodecLimits { MaxBodyBytes = 100 });
        var buffer = new ReadOnlySequence<byte>(Bytes("MESSAGE\ncontent-length:101\n\n"));

        FluentActions.Invoking(() => decoder.TryDecode(ref buffer, out _))
            .Should().Throw<StompProtocolException>().WithMessage("*exceeds the limit of 100*");
    }

    [Test]
    public void Oversize_body_without_content_length_is_refused_when_no_NUL_comes()
    {
        var decoder = new StompFrameDecoder(new StompCodecLimits { MaxBodyBytes = 100 });
        var buffer = new ReadOnlySequence<byte>(Bytes("MESSAGE\n\n" + new string('x', 150)));

        FluentActions.Invoking(() => decoder.TryDecode(ref buffer, out _))
            .Should().Throw<StompProtocolException>().WithMessage("*without a NUL terminator*");
    }

    [Test]
    public void Missing_NUL_with_a_body_larger_than_the_limit_is_refused()
    {
        var decoder = new StompFrameDecoder(new StompCodecLimits { MaxBodyBytes = 10 });

        FluentActions.Invoking(() => decoder.DecodeAll(Bytes("MESSAGE\n\n0123456789ABC\0")))
            .Should().Throw<StompProtocolException>().WithMessage("*exceeds the limit of 10*");
    }

    [Test]
    public void Too_many_headers_are_refused()
    {
        var decoder = new StompFrameDecoder(new StompCodecLimits { MaxHeaders = 3 });
        var wire = "MESSAGE\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"h{i}:v\n")) + "\n\0";

        FluentActions.Invoking(() => decoder.DecodeAll(Bytes(wire)))
            .Should().Throw<StompProtocolException>().WithMessage("*more than 3 headers*");
    }

    [Test]
    public void Oversize_header_block_is_refused_even_without_a_line_end()
    {
        var decoder = new StompFrameDecoder(new StompCodecLimits { MaxHeaderBytes = 100 });
        var buffer = new ReadOnlySequence<byte>(Bytes("MESSAGE\nbig:" + new string('v', 200)));

        FluentActions.Invoking(() => decoder.TryDecode(ref buffer, out _))
            .Should().Throw<StompProtocolException>().WithMessage("*header block exceeds*");
    }

    [Test]
    public void Trailing_partial_frame_is_reported_by_DecodeAll()
    {
        FluentActions.Invoking(() => Decoder.DecodeAll(Bytes("RECEIPT\nreceipt-id:1\n\n\0MESS")))
            .Should().Throw<StompProtocolException>().WithMessage("*trailing bytes*");
    }

    [Test]
    public void Frame_ToString_never_shows_header_values()
    {
        var frame = StompFrame.Create(StompCommands.Connect, null, ("login", "key"), ("passcode", "SECRET-VALUE"));

        frame.ToString().Should().Contain("passcode").And.NotContain("SECRET-VALUE");
    }

    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Split(byte[] bytes, int size)
        {
            var first = new Segments(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
            var last = first;
            for (var offset = size; offset < bytes.Length; offset += size)
            {
                var next = new Segments(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), offset);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
