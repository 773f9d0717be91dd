using System.Text;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// One STOMP frame: a command, its headers in wire order (repeats allowed; the first one wins, as STOMP 1.2 says),
/// and the body bytes.
/// </summary>
public sealed class StompFrame
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public StompFrame(string command, IEnumerable<KeyValuePair<string, string>>? headers = null, ReadOnlyMemory<byte> body = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        Command = command;
        Headers = headers?.ToArray() ?? [];
        Body = body;
    }

    public string Command { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The value of the first header with this name, or null.</summary>
    public string? GetHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.Ordinal))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>The body as UTF-8 text; invalid sequences raise a <see cref="DecoderFallbackException"/>.</summary>
    public string GetBodyText() => StrictUtf8.GetString(Body.Span);

    public static StompFrame Create(string command, string? body, params (string Name, string Value)[] headers) =>
        new(command,
            headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)),
            body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body));

    /// <summary>Command and header names only: values can hold credentials (CONNECT's passcode).</summary>
    public override string ToString() =>
        $"{Command} [{string.Join(", ", Headers.Select(h => h.Key))}] body {Body.Length} bytes";
}
