using System.Diagnostics;
using Fn.AwsGuardDuty.Hosting.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Hosting.Memory;

[TestFixture]
public sealed class IdleMemoryTrimmerTests
{
    [Test]
    public async Task The_service_trims_once_the_work_is_over_and_not_while_it_runs()
    {
        long allocated = 0;
        var busy = true;
        var readings = 0;
        var trims = 0;
        var policy = new IdleMemoryTrimPolicy(TimeSpan.FromMilliseconds(20), quietBytes: 100, workBytes: 10_000);
        // While busy, every reading finds 50,000 more bytes allocated than the one before.
        long Allocated()
        {
            Interlocked.Increment(ref readings);
            return Volatile.Read(ref busy) ? Interlocked.Add(ref allocated, 50_000) : Interlocked.Read(ref allocated);
        }

        using var trimmer = new IdleMemoryTrimmer(policy, NullLogger<IdleMemoryTrimmer>.Instance,
            allocatedBytes: Allocated, compact: () => Interlocked.Increment(ref trims));
        await trimmer.StartAsync(CancellationToken.None);
        try
        {
            var waited = Stopwatch.StartNew();
            while (Volatile.Read(ref readings) < 10 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
            Volatile.Read(ref readings).Should().BeGreaterThanOrEqualTo(10);
            Volatile.Read(ref trims).Should().Be(0, "the app was busy the whole time");

            // Quiet: the next readings see nothing new.
            Volatile.Write(ref busy, false);
            waited.Restart();
            while (Volatile.Read(ref trims) == 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
            await Task.Delay(200);

            trims.Should().Be(1, "one trim for one stretch of work, however long the quiet lasts");
            trimmer.Trims.Should().Be(1);
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task The_default_trim_runs_a_real_collection_of_every_generation()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);
        long allocated = 0;
        var policy = new IdleMemoryTrimPolicy(TimeSpan.FromMilliseconds(20), quietBytes: 100, workBytes: 1_000);
        using var trimmer = new IdleMemoryTrimmer(policy, NullLogger<IdleMemoryTrimmer>.Instance, allocatedBytes: () => Interlocked.Read(ref allocated));
        Interlocked.Add(ref allocated, 1_000_000);
        await trimmer.StartAsync(CancellationToken.None);
        try
        {
            var waited = Stopwatch.StartNew();
            while (trimmer.Trims == 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }

        trimmer.Trims.Should().Be(1);
        GC.CollectionCount(GC.MaxGeneration).Should().BeGreaterThan(before);
    }
}
