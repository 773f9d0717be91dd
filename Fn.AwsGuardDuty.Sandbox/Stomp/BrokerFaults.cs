namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>The armed faults of one broker. Thread-safe; read by connections as frames arrive.</summary>
internal sealed class BrokerFaults
{
    private readonly Lock _gate = new();
    private readonly List<FrameDrop> _frameDrops = [];
    private int _dropNextConnections;
    private long _delayTicks;

    public TimeSpan ProcessingDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value < TimeSpan.Zero ? 0 : value.Ticks);
    }

    public void DropNextConnections(int count) => Interlocked.Add(ref _dropNextConnections, count);

    /// <summary>True (and counts down) when a newly accepted connection must be dropped at once.</summary>
    public bool TakeConnectionDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _dropNextConnections);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _dropNextConnections, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    public void DropOnFrame(string command, int count, bool afterProcessing)
    {
        lock (_gate)
        {
            _frameDrops.Add(new FrameDrop(command, afterProcessing) { Left = count });
        }
    }

    /// <summary>True (and counts down) when this frame must cost its connection, before or after it takes effect.</summary>
    public bool TakeFrameDrop(string command, bool afterProcessing)
    {
        lock (_gate)
        {
            var rule = _frameDrops.FirstOrDefault(r => r.Command == command && r.AfterProcessing == afterProcessing && r.Left > 0);
            if (rule is null)
            {
                return false;
            }

            if (--rule.Left == 0)
            {
                _frameDrops.Remove(rule);
            }

            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _frameDrops.Clear();
        }

        Volatile.Write(ref _dropNextConnections, 0);
        ProcessingDelay = TimeSpan.Zero;
    }

    private sealed record FrameDrop(string Command, bool AfterProcessing)
    {
        public int Left { get; set; }
    }
}
