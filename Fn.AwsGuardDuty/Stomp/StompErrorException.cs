namespace Fn.AwsGuardDuty.Stomp;

/// <summary>The server sent an ERROR frame. <see cref="ErrorMessage"/> is its <c>message</c> header, <see cref="Details"/> its body.</summary>
public sealed class StompErrorException : Exception
{
    public StompErrorException(string errorMessage, string details, string? receiptId = null)
        : base(string.IsNullOrEmpty(details) || details == errorMessage ? $"STOMP ERROR: {errorMessage}" : $"STOMP ERROR: {errorMessage} ({details.Trim()})")
    {
        ErrorMessage = errorMessage;
        Details = details;
        ReceiptId = receiptId;
    }

    public string ErrorMessage { get; }

    public string Details { get; }

    public string? ReceiptId { get; }

    /// <summary>True when the broker refused the credentials or a destination: retrying cannot help.</summary>
    public bool IsAuthorizationFailure =>
        Mentions("not authorized") || Mentions("password is invalid") || Mentions("authentication failed")
        || Mentions("Already subscribed");

    public static StompErrorException FromFrame(StompFrame frame)
    {
        string body;
        try
        {
            body = frame.GetBodyText();
        }
        catch (System.Text.DecoderFallbackException)
        {
            body = $"({frame.Body.Length} bytes, not UTF-8)";
        }

        var message = frame.GetHeader(StompHeaders.Message);
        return new StompErrorException(string.IsNullOrEmpty(message) ? body.Trim() : message, body, frame.GetHeader(StompHeaders.ReceiptId));
    }

    private bool Mentions(string text) =>
        ErrorMessage.Contains(text, StringComparison.OrdinalIgnoreCase) || Details.Contains(text, StringComparison.OrdinalIgnoreCase);
}
