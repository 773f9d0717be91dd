using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// The STOMP 1.2 server protocol of one connection, written from the specification and from what ActiveMQ answers:
/// CONNECT/STOMP with login checks and heart-beat negotiation, SEND, SUBSCRIBE/UNSUBSCRIBE with read authorisation,
/// ACK/NACK, BEGIN/COMMIT/ABORT and DISCONNECT. A refused frame raises <see cref="BrokerProtocolException"/> carrying
/// the ActiveMQ wording; the connection turns it into an ERROR frame and closes.
/// </summary>
internal sealed class BrokerSession(BrokerConnection connection, BrokerEngine engine, SandboxStompBrokerOptions options, ILogger logger)
{
    private readonly Dictionary<string, BrokerTransaction> _transactions = new(StringComparer.Ordinal);

    public bool IsConnected { get; private set; }

    public string? Login { get; private set; }

    /// <summary>How often the broker beats to the client, and how often the client promised to beat (zero = never).</summary>
    public (TimeSpan ServerSend, TimeSpan ClientSend) HeartBeats { get; private set; }

    public int OpenTransactions => _transactions.Count;

    public bool DisconnectRequested { get; private set; }

    /// <summary>Acts on one frame. Returns the receipt to confirm (null when the frame asked for none).</summary>
    public string? Handle(StompFrame frame)
    {
        if (!IsConnected)
        {
            if (frame.Command is not (StompCommands.Connect or StompCommands.Stomp))
            {
                throw new BrokerProtocolException("Not connected.");
            }

            Connect(frame);
            return null;
        }

        switch (frame.Command)
        {
            case StompCommands.Connect or StompCommands.Stomp:
                throw new BrokerProtocolException("Already connected.");
            case StompCommands.Send:
                Send(frame);
                break;
            case StompCommands.Subscribe:
                Subscribe(frame);
                break;
            case StompCommands.Unsubscribe:
                engine.Unsubscribe(connection, Required(frame, StompHeaders.Id, "UNSUBSCRIBE received without a subscription id!"));
                break;
            case StompCommands.Ack or StompCommands.Nack:
                Acknowledge(frame, frame.Command == StompCommands.Nack);
                break;
            case StompCommands.Begin:
                Begin(frame);
                break;
            case StompCommands.Commit:
                var committed = Take(frame, "committing");
                engine.Apply(connection, committed.Acknowledgements, committed.Messages);
                break;
            case StompCommands.Abort:
                Take(frame, "aborting");
                break;
            case StompCommands.Disconnect:
                DisconnectRequested = true;
                break;
            default:
                throw new BrokerProtocolException($"Unknown STOMP action: {frame.Command}");
        }

        return frame.GetHeader(StompHeaders.Receipt);
    }

    private void Connect(StompFrame frame)
    {
        var versions = (frame.GetHeader(StompHeaders.AcceptVersion) ?? "1.0").Split(',', StringSplitOptions.TrimEntries);
        if (!versions.Contains("1.2"))
        {
            throw new BrokerProtocolException("Supported protocol versions are 1.2");
        }

        var login = frame.GetHeader(StompHeaders.Login);
        if (options.Users.Count > 0)
        {
            var passcode = frame.GetHeader(StompHeaders.Passcode) ?? "";
            var user = options.Users.FirstOrDefault(u => u.Login == login);
            if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Passcode), Encoding.UTF8.GetBytes(passcode)))
            {
                logger.LogWarning("STOMP connection {Id}: login refused for user {Login}", connection.Id, login ?? "(none)");
                throw new BrokerProtocolException($"User name [{login ?? "null"}] or password is invalid.");
            }
        }

        StompHeartBeat requested;
        try
        {
            requested = StompHeartBeat.Parse(frame.GetHeader(StompHeaders.HeartBeat));
        }
        catch (StompProtocolException e)
        {
            throw new BrokerProtocolException(e.Message);
        }

        // ActiveMQ mirrors the client: it beats as often as the client asks, and expects beats as often as offered.
        var answer = new StompHeartBeat(requested.ReceiveMs, requested.SendMs);
        HeartBeats = (TimeSpan.FromMilliseconds(requested.ReceiveMs), TimeSpan.FromMilliseconds(requested.SendMs));
        Login = login;
        IsConnected = true;
        connection.Send(BrokerFrames.Connected(engine.SessionId(connection.Id), answer, options.ServerName));
        logger.LogInformation("STOMP connection {Id} from {Remote}: CONNECTED as {Login} (heart-beats: broker sends {Send} ms, client promised {Receive} ms)",
            connection.Id, connection.RemoteEndPoint, login ?? "(anonymous)", answer.SendMs, answer.ReceiveMs);
    }

    private void Send(StompFrame frame)
    {
        var destination = Required(frame, StompHeaders.Destination, "SEND received without a Destination specified!");
        var queue = QueueName.Parse(destination);
        if (User is { } user && !user.CanWrite(queue))
        {
            throw new BrokerProtocolException($"User {user.Login} is not authorized to write to: {QueueName.ToUri(queue)}");
        }

        var message = engine.CreateMessage(connection.Id, queue, frame.Headers, frame.Body);
        if (Transaction(frame) is { } transaction)
        {
            transaction.Messages.Add(message);
        }
        else
        {
            engine.Apply(connection, [], [message]);
        }
    }

    private void Subscribe(StompFrame frame)
    {
        var destination = Required(frame, StompHeaders.Destination, "SUBSCRIBE received without a Destination specified!");
        var id = Required(frame, StompHeaders.Id, "SUBSCRIBE received without a subscription id!");
        var queue = QueueName.Parse(destination);
        var ackMode = frame.GetHeader(StompHeaders.Ack) switch
        {
            null or "auto" => BrokerAckMode.Auto,
            "client" => BrokerAckMode.Client,
            "client-individual" => BrokerAckMode.ClientIndividual,
            var other => throw new BrokerProtocolException($"Unsupported ack mode: {other}"),
        };
        var prefetch = options.DefaultPrefetch;
        if (frame.GetHeader(StompHeaders.PrefetchSize) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out prefetch) || prefetch < 1))
        {
            throw new BrokerProtocolException($"Invalid activemq.prefetchSize: {text}");
        }

        if (User is { } user && !user.CanRead(queue))
        {
            logger.LogWarning("STOMP connection {Id}: {Login} may not read {Queue}", connection.Id, user.Login, queue);
            throw new BrokerProtocolException($"User {user.Login} is not authorized to read from: {QueueName.ToUri(queue)}");
        }

        engine.Subscribe(connection, id, queue, ackMode, prefetch);
        logger.LogDebug("STOMP connection {Id}: subscribed {SubscriptionId} to {Queue} (ack {AckMode}, prefetch {Prefetch})",
            connection.Id, id, queue, ackMode, prefetch);
    }

    private void Acknowledge(StompFrame frame, bool nack)
    {
        var id = Required(frame, StompHeaders.Id, $"{frame.Command} received without a message-id to acknowledge!");
        if (Transaction(frame) is { } transaction)
        {
            transaction.Acknowledgements.Add((id, nack));
        }
        else
        {
            engine.Apply(connection, [(id, nack)], []);
        }
    }

    private void Begin(StompFrame frame)
    {
        var id = Required(frame, StompHeaders.Transaction, "Must specify the transaction you are beginning");
        if (!_transactions.TryAdd(id, new BrokerTransaction(id)))
        {
            throw new BrokerProtocolException($"The transaction was already started: {id}");
        }
    }

    private BrokerTransaction Take(StompFrame frame, string verb)
    {
        var id = Required(frame, StompHeaders.Transaction, $"Must specify the transaction you are {verb}");
        return _transactions.Remove(id, out var transaction) ? transaction : throw new BrokerProtocolException($"Invalid transaction id: {id}");
    }

    private BrokerTransaction? Transaction(StompFrame frame) => frame.GetHeader(StompHeaders.Transaction) is { } id
        ? _transactions.GetValueOrDefault(id) ?? throw new BrokerProtocolException($"Invalid transaction id: {id}")
        : null;

    private SandboxStompUser? User => options.Users.FirstOrDefault(u => u.Login == Login);

    private static string Required(StompFrame frame, string header, string problem) =>
        frame.GetHeader(header) is { Length: > 0 } value ? value : throw new BrokerProtocolException(problem);
}
