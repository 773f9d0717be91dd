namespace Fn.AwsGuardDuty.Push;

/// <summary>Running counts of the push intake (thread-safe), for the log summary, selftest and tests.</summary>
public sealed class PushCounters
{
    private long received;
    private long findings;
    private long malware;
    private long malwareWithoutThreats;
    private long unknown;
    private long unreadable;
    private long deleted;
    private long deleteFailures;
    private long retries;
    private long extensions;
    private long extensionFailures;
    private long receiveFailures;
    private long lastMessageAtTicks;

    public long Received => Interlocked.Read(ref received);

    public long Findings => Interlocked.Read(ref findings);

    public long Malware => Interlocked.Read(ref malware);

    public long MalwareWithoutThreats => Interlocked.Read(ref malwareWithoutThreats);

    public long Unknown => Interlocked.Read(ref unknown);

    public long Unreadable => Interlocked.Read(ref unreadable);

    public long Deleted => Interlocked.Read(ref deleted);

    public long DeleteFailures => Interlocked.Read(ref deleteFailures);

    /// <summary>Events the handler did not finish (Retry or an exception): left on the queue.</summary>
    public long Retries => Interlocked.Read(ref retries);

    public long VisibilityExtensions => Interlocked.Read(ref extensions);

    public long VisibilityExtensionFailures => Interlocked.Read(ref extensionFailures);

    public long ReceiveFailures => Interlocked.Read(ref receiveFailures);

    /// <summary>When the last message arrived (null: none yet); selftest warns when the queue stays silent.</summary>
    public DateTimeOffset? LastMessageAt =>
        Interlocked.Read(ref lastMessageAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    internal void AddReceived(int count, DateTimeOffset at)
    {
        Interlocked.Add(ref received, count);
        if (count > 0)
        {
            Interlocked.Exchange(ref lastMessageAtTicks, at.UtcTicks);
        }
    }

    internal void Count(PushItem item)
    {
        switch (item)
        {
            case PushFinding: Interlocked.Increment(ref findings); break;
            case PushMalware: Interlocked.Increment(ref malware); break;
            case PushIgnored { Reason: PushIgnoredReason.MalwareScanWithoutThreats }: Interlocked.Increment(ref malwareWithoutThreats); break;
            case PushIgnored: Interlocked.Increment(ref unknown); break;
            case PushUnreadable: Interlocked.Increment(ref unreadable); break;
        }
    }

    internal void AddDeleted(int count) => Interlocked.Add(ref deleted, count);

    internal void AddDeleteFailures(int count) => Interlocked.Add(ref deleteFailures, count);

    internal void AddRetry() => Interlocked.Increment(ref retries);

    internal void AddExtensions(int count) => Interlocked.Add(ref extensions, count);

    internal void AddExtensionFailures(int count) => Interlocked.Add(ref extensionFailures, count);

    internal void AddReceiveFailure() => Interlocked.Increment(ref receiveFailures);
}
