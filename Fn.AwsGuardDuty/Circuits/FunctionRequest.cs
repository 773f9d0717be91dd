namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// A function message as the dispatcher sees it, whatever transport brought it: the message id, the headers the
/// runtime reads, and the raw body. <see cref="ReplyTo"/> null means the caller cannot be answered.
/// </summary>
public sealed record FunctionRequest(string MessageId, ReadOnlyMemory<byte> Body)
{
    public string? ReplyTo { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>The <c>Co3ContextToken</c> header.</summary>
    public string? ContextToken { get; init; }

    /// <summary>The broker's <c>timestamp</c> header as sent (epoch ms as text).</summary>
    public string? Timestamp { get; init; }
}
