namespace Fn.AwsGuardDuty.Circuits;

/// <summary>A serialized final reply and where it goes. <see cref="ReplyTo"/> null means no reply can be sent (ACK only).</summary>
public sealed record FinalReply(string? ReplyTo, string? CorrelationId, string Body, bool IsError);
