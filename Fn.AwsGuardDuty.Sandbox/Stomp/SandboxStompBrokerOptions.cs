using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>Settings of a <see cref="SandboxStompBroker"/>, checked by <see cref="Validate"/> before it listens.</summary>
public sealed class SandboxStompBrokerOptions
{
    /// <summary>Accounts allowed to connect. Empty means anonymous access (ActiveMQ without an authentication plugin).</summary>
    public IList<SandboxStompUser> Users { get; set; } = [];

    /// <summary>When set, the endpoint speaks TLS only (as SOAR's port 65001 does), e.g. <c>ca.IssueServerCertificate("localhost","127.0.0.1")</c>.</summary>
    public X509Certificate2? Certificate { get; set; }

    public int MaxConnections { get; set; } = 200;

    /// <summary>Frame bounds; a frame over them gets an ERROR and the connection is closed.</summary>
    public StompCodecLimits CodecLimits { get; set; } = StompCodecLimits.Default;

    /// <summary>The CONNECTED frame's <c>server</c> header (SOAR's broker says ActiveMQ/5.15.14).</summary>
    public string ServerName { get; set; } = "ActiveMQ/5.15.14";

    /// <summary>Prefetch of a subscription that does not send <c>activemq.prefetchSize</c> (ActiveMQ's STOMP default).</summary>
    public int DefaultPrefetch { get; set; } = 1000;

    /// <summary>A client that promised heart-beats every N ms is dropped after N x this of silence (ActiveMQ's grace).</summary>
    public double HeartBeatGraceMultiplier { get; set; } = 2.0;

    /// <summary>Where NACKed messages go (ActiveMQ's STOMP NACK is a poison ack: the message is dead-lettered).</summary>
    public string DeadLetterQueue { get; set; } = "ActiveMQ.DLQ";

    /// <summary>How long a new connection may take for TLS and CONNECT before it is closed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        var problems = new List<string>();
        if (MaxConnections < 1)
        {
            problems.Add($"MaxConnections must be at least 1, got {MaxConnections}");
        }

        if (DefaultPrefetch is < 1 or > 32767)
        {
            problems.Add($"DefaultPrefetch must be 1..32767, got {DefaultPrefetch}");
        }

        if (HeartBeatGraceMultiplier < 1)
        {
            problems.Add($"HeartBeatGraceMultiplier must be at least 1, got {HeartBeatGraceMultiplier}");
        }

        if (string.IsNullOrWhiteSpace(ServerName) || ServerName.AsSpan().IndexOfAny("\r\n") >= 0)
        {
            problems.Add("ServerName must be one line of text");
        }

        if (string.IsNullOrWhiteSpace(DeadLetterQueue))
        {
            problems.Add("DeadLetterQueue is required");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add("ConnectTimeout must be positive");
        }

        if (Users.Select(u => u.Login).Distinct(StringComparer.Ordinal).Count() != Users.Count)
        {
            problems.Add("user logins must be unique");
        }

        if (Certificate is { HasPrivateKey: false })
        {
            problems.Add("the TLS certificate has no private key");
        }

        try
        {
            CodecLimits.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid sandbox STOMP broker options: " + string.Join("; ", problems));
        }
    }
}
