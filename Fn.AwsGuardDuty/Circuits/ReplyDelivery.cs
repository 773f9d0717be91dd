using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// The STOMP side of answering: status SENDs while a function runs, then the ACK and the final SEND in one STOMP
/// transaction (ACK first, as resilient-circuits orders them), so a broker crash can neither lose the answer nor make
/// it go out twice; and the ACK of a redelivery whose answer is already committed.
/// </summary>
public sealed class ReplyDelivery(StompClient client, bool persistentReplies, ILogger logger)
{
    /// <summary>
    /// Queues a status text to <paramref name="replyTo"/> ahead of anything the call sends later, without waiting for
    /// the write: a status may be lost with the connection (logged when it is already gone), the answer may not.
    /// </summary>
    public Task SendStatusAsync(string? replyTo, string? correlationId, string text, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (replyTo is null)
        {
            return Task.CompletedTask;
        }

        try
        {
            client.Post(replyTo, ReplyHeaders(correlationId), Encoding.UTF8.GetBytes(ActionReply.Status(text)));
        }
        catch (StompConnectionException ex)
        {
            logger.LogWarning("Status message lost (correlation {CorrelationId}): {Reason}", correlationId, ex.Message);
        }

        return Task.CompletedTask;
    }

    /// <summary>A redelivery of an answered message: it carries the answer when the earlier attempt did not commit, else it is just ACKed.</summary>
    public async Task AcknowledgeAnsweredAsync(StompMessage redelivery, AnsweredMessage answer)
    {
        if (answer.Offer(redelivery))
        {
            await DeliverAsync(answer).ConfigureAwait(false);
            return;
        }

        try
        {
            await client.AckAsync(redelivery).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StompConnectionException or StompErrorException or InvalidOperationException)
        {
            logger.LogWarning("Could not ACK redelivered message {MessageId}: {Reason}", answer.MessageId, ex.Message);
        }
    }

    /// <summary>
    /// ACK + final SEND in one transaction, committed with a receipt. If the outcome is unknown the broker decides:
    /// a redelivery means "not committed" and is retried here (see <see cref="AnsweredMessage"/>).
    /// </summary>
    public async Task DeliverAsync(AnsweredMessage answer)
    {
        while (answer.TryClaim(out var delivery))
        {
            try
            {
                if (delivery.AckId is null)
                {
                    // A broker that breaks the protocol (no ack header on a client-individual subscription): there is
                    // nothing to ACK, so the answer goes out on its own.
                    logger.LogWarning("Message {MessageId} came without an ack header; it is answered without an ACK", answer.MessageId);
                    if (answer.Reply.ReplyTo is not null)
                    {
                        await client.SendAsync(answer.Reply.ReplyTo, ReplyHeaders(answer.Reply.CorrelationId),
                            Encoding.UTF8.GetBytes(answer.Reply.Body)).ConfigureAwait(false);
                    }
                }
                else if (answer.Reply.ReplyTo is null)
                {
                    await client.AckAsync(delivery).ConfigureAwait(false);
                }
                else
                {
                    await client.AckAndSendAsync(delivery, answer.Reply.ReplyTo, ReplyHeaders(answer.Reply.CorrelationId),
                        Encoding.UTF8.GetBytes(answer.Reply.Body)).ConfigureAwait(false);
                }

                answer.MarkDelivered();
                return;
            }
            catch (StompStaleMessageException)
            {
                logger.LogWarning("Message {MessageId} finished after its connection was lost; it is answered when the broker redelivers it",
                    answer.MessageId);
            }
            catch (Exception ex) when (ex is StompConnectionException or StompErrorException or OperationCanceledException)
            {
                logger.LogWarning("Answer to message {MessageId} not confirmed ({Reason}); if the broker did not commit it, it redelivers the message and the answer goes out then",
                    answer.MessageId, ex.Message);
            }
            catch (Exception ex)
            {
                // Whatever it was, the claim must be released: a claim held for good would ignore every redelivery.
                logger.LogError(ex, "Answer to message {MessageId} failed unexpectedly; it goes out when the broker redelivers the message",
                    answer.MessageId);
            }

            answer.Release();
        }
    }

    private List<KeyValuePair<string, string>> ReplyHeaders(string? correlationId)
    {
        var headers = new List<KeyValuePair<string, string>>(2);
        if (correlationId is not null)
        {
            headers.Add(new(StompHeaders.CorrelationId, correlationId));
        }

        if (persistentReplies)
        {
            headers.Add(new(StompHeaders.Persistent, "true"));
        }

        return headers;
    }
}
