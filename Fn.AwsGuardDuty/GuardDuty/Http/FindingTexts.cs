using System.Buffers;
using System.Text;
using System.Text.Json;
using Fn.AwsGuardDuty.GuardDuty.Errors;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Reads a GetFindings response as the JSON text of each finding, byte for byte as the service sent it, without
/// building token trees: the poller keeps pages of findings ahead of SOAR, and as trees they were most of its heap.
/// </summary>
internal static class FindingTexts
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>The members of the response's <c>findings</c> array that are objects (others are ignored), in order.</summary>
    public static IReadOnlyList<string> Read(GuardDutyRequest request, Stream body)
    {
        var (buffer, length) = ReadAll(body);
        try
        {
            return Split(buffer.AsSpan(0, length));
        }
        catch (JsonException e)
        {
            throw new GuardDutyResponseException($"GuardDuty {request.Operation} returned a body that is not JSON: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static List<string> Split(ReadOnlySpan<byte> utf8)
    {
        var findings = new List<string>();
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return findings;
        }

        var reader = new Utf8JsonReader(utf8, Options);
        reader.Read();

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the body is JSON but not an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFindings = reader.ValueTextEquals("findings"u8);
            reader.Read();
            if (!isFindings || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            // A repeated member replaces the earlier one, as when the body is loaded as a tree.
            findings.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = checked((int)reader.TokenStartIndex);
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                if (isObject)
                {
                    findings.Add(Encoding.UTF8.GetString(utf8[start..checked((int)reader.BytesConsumed)]));
                }
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("the object is not closed, or text follows it");
        }

        return findings;
    }

    /// <summary>The whole body in a pooled buffer (a page of findings is ~150 KB: no large-object-heap copy per page).</summary>
    private static (byte[] Buffer, int Length) ReadAll(Stream body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(body.CanSeek ? (int)Math.Max(body.Length, 1) : 64 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = body.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
