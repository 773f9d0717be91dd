using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting.Memory;

/// <summary>
/// Gives the GC's spare committed memory back to the system once the app goes quiet after work (see
/// <see cref="IdleMemoryTrimPolicy"/>): a full, compacting, aggressive collection, which also decommits the free
/// regions the GC would otherwise keep for later allocations. On the idle bench it is worth ~2-3 MB of RSS; after an
/// escalation burst, the difference between the peak heap and the live data.
/// </summary>
public sealed class IdleMemoryTrimmer : BackgroundService
{
    private readonly IdleMemoryTrimPolicy _policy;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<long> _allocatedBytes;
    private readonly Action _compact;
    private int _trims;

    /// <param name="allocatedBytes">The process's cumulative allocated bytes (tests pass their own).</param>
    /// <param name="compact">The trim itself (tests pass their own).</param>
    public IdleMemoryTrimmer(IdleMemoryTrimPolicy policy, ILogger<IdleMemoryTrimmer> logger, TimeProvider? timeProvider = null,
        Func<long>? allocatedBytes = null, Action? compact = null)
    {
        _policy = policy;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _allocatedBytes = allocatedBytes ?? (() => GC.GetTotalAllocatedBytes());
        _compact = compact ?? CompactAggressively;
    }

    /// <summary>How many trims have run.</summary>
    public int Trims => Volatile.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_policy.CheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!_policy.Observe(_allocatedBytes())) continue;
                Trim();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim()
    {
        var work = _policy.WorkSinceTrim;
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = Stopwatch.GetTimestamp();
        _compact();
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        _policy.Trimmed();
        Interlocked.Increment(ref _trims);
        _logger.LogDebug("Quiet after {WorkMb:0.0} MB of allocations: GC heap committed {BeforeMb:0.0} -> {AfterMb:0.0} MB ({Ms:0.0} ms)",
            work / 1048576.0, before / 1048576.0, after / 1048576.0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static void CompactAggressively() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
