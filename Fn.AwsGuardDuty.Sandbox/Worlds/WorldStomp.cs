namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// Where the app's STOMP client connects: a broker started elsewhere (a real ActiveMQ) or the world's sandbox broker.
/// The app logs in with its SOAR API key, as on a real SOAR, so the broker must know that key as a user.
/// </summary>
/// <param name="CaFile">The CA the broker's TLS certificate chains to (stomp_cafile); null for plain TCP or the system roots.</param>
public sealed record WorldStomp(string Host, int Port, bool Tls, string? CaFile = null);
