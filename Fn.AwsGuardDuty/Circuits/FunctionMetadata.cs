namespace Fn.AwsGuardDuty.Circuits;

/// <summary>Who and what triggered a function call: STOMP headers and the message's workflow/playbook context.</summary>
public sealed record FunctionMetadata
{
    public required string FunctionName { get; init; }

    public long? FunctionId { get; init; }

    public string? MessageId { get; init; }

    public string? CorrelationId { get; init; }

    public string? ReplyTo { get; init; }

    /// <summary>The <c>Co3ContextToken</c> header; send it as <c>X-Co3ContextToken</c> when a REST call should act in the function's context.</summary>
    public string? ContextToken { get; init; }

    /// <summary>The broker's <c>timestamp</c> header (epoch ms), when present.</summary>
    public long? Timestamp { get; init; }

    public string? PrincipalName { get; init; }

    public string? PrincipalDisplayName { get; init; }

    public string? PrincipalType { get; init; }

    public long? WorkflowId { get; init; }

    public string? WorkflowProgrammaticName { get; init; }

    public long? WorkflowInstanceId { get; init; }

    public long? PlaybookInstanceId { get; init; }
}
