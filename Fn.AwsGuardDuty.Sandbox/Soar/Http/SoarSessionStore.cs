using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>Live email/password sessions. <see cref="ExpireAll"/> makes every later call with them answer 401.</summary>
internal sealed class SoarSessionStore
{
    private readonly ConcurrentDictionary<string, SoarSession> _sessions = new(StringComparer.Ordinal);

    public SoarSession Open(SoarPrincipal principal)
    {
        var session = new SoarSession(Token(), Token(), principal, DateTimeOffset.UtcNow);
        _sessions[session.SessionId] = session;
        return session;
    }

    public SoarSession? Find(string sessionId, string csrfToken) =>
        _sessions.TryGetValue(sessionId, out var session) && FixedTimeEquals(session.CsrfToken, csrfToken) ? session : null;

    public void Close(string sessionId) => _sessions.TryRemove(sessionId, out _);

    public int ExpireAll()
    {
        var count = _sessions.Count;
        _sessions.Clear();
        return count;
    }

    public int Count => _sessions.Count;

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    private static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
