using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>Connection settings of a <see cref="StompClient"/>. Validate with <see cref="Validate"/> before use.</summary>
public sealed class StompClientOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 65001;

    /// <summary>TLS on by default, as SOAR always uses it; plain TCP exists for test brokers.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>PEM or DER file with the CA certificate(s) that must anchor the server chain; null (and no <see cref="CaBundle"/>) uses the system roots.</summary>
    public string? CaFile { get; set; }

    /// <summary>The CA certificates, already read (the app's configuration does this once, for stomp_cafile or cafile); wins over <see cref="CaFile"/>.</summary>
    public CaBundle? CaBundle { get; set; }

    /// <summary>False only when app.config says <c>cafile = false</c>: the server certificate is then not checked.</summary>
    public bool VerifyServerCertificate { get; set; } = true;

    public string Login { get; set; } = "";

    /// <summary>The API key secret or password. Never logged and never part of <see cref="ToString"/>.</summary>
    public string Passcode { get; set; } = "";

    /// <summary>How often we want the server to send heart-beats (0 = none). SOAR's framework asks for 15 s.</summary>
    public TimeSpan ServerHeartBeat { get; set; } = TimeSpan.FromMilliseconds(15000);

    /// <summary>How often we offer to send heart-beats. resilient-circuits offers none.</summary>
    public TimeSpan ClientHeartBeat { get; set; } = TimeSpan.Zero;

    /// <summary>Bound on TCP connect, TLS handshake and CONNECTED, and on waiting for receipts.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxFrameBytes { get; set; } = StompCodecLimits.Default.MaxBodyBytes;

    public int MaxHeaderBytes { get; set; } = StompCodecLimits.Default.MaxHeaderBytes;

    public int MaxHeaders { get; set; } = StompCodecLimits.Default.MaxHeaders;

    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    public StompCodecLimits CodecLimits => new()
    {
        MaxBodyBytes = MaxFrameBytes,
        MaxHeaderBytes = MaxHeaderBytes,
        MaxHeaders = MaxHeaders,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), nameof(Host), "is required");
        Require(Port is > 0 and <= 65535, nameof(Port), $"must be 1..65535, got {Port}");
        Require(CaFile is null || File.Exists(CaFile), nameof(CaFile), $"file '{CaFile}' does not exist");
        Require(ServerHeartBeat >= TimeSpan.Zero && ServerHeartBeat.TotalMilliseconds <= int.MaxValue, nameof(ServerHeartBeat), "must be zero or positive");
        Require(ClientHeartBeat >= TimeSpan.Zero && ClientHeartBeat.TotalMilliseconds <= int.MaxValue, nameof(ClientHeartBeat), "must be zero or positive");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(ReconnectInitialDelay > TimeSpan.Zero, nameof(ReconnectInitialDelay), "must be positive");
        Require(ReconnectMaxDelay >= ReconnectInitialDelay, nameof(ReconnectMaxDelay), "must not be less than ReconnectInitialDelay");
        CodecLimits.Validate();
    }

    public override string ToString() =>
        $"{(UseTls ? "ssl" : "tcp")}://{Host}:{Port} login={Login} verify={VerifyServerCertificate} cafile={CaBundle?.Path ?? CaFile ?? "(system)"}";

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"STOMP option {name} {problem}", name);
        }
    }
}
