using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// For the function scenarios: the app as a child process, subscribed through TLS to the shared ActiveMQ, with the
/// poller off; the SOAR platform's side of the queue in this process (<see cref="SoarPlatform"/>, replies not retained);
/// a detector with findings to archive.
/// </summary>
public sealed class FunctionRig : IAsyncDisposable
{
    public const string SubscribedMarker = "Subscribed to actions.";
    private const string Region = "us-east-1";

    private readonly BenchSandbox _sandbox;
    private readonly List<string> _findingIds;
    private int _next;

    private FunctionRig(BenchSandbox sandbox, AppProcess app, SoarPlatform platform, List<string> findingIds)
    {
        _sandbox = sandbox;
        App = app;
        Platform = platform;
        _findingIds = findingIds;
    }

    public AppProcess App { get; }

    public SoarPlatform Platform { get; }

    /// <summary>A rig on <paramref name="broker"/>, or on the context's shared broker (ActiveMQ defaults) when it is null.</summary>
    public static async Task<FunctionRig> StartAsync(BenchContext context, int? numWorkers, CancellationToken cancellationToken, ActiveMqBroker? broker = null)
    {
        broker ??= await context.BrokerAsync().ConfigureAwait(false);
        var sandbox = await BenchSandbox.StartAsync(context.WorkDir, [Region], broker, cancellationToken).ConfigureAwait(false);
        AppProcess? app = null;
        try
        {
            var ids = sandbox.Seed(Region, 500, seed: 4_242);
            var config = sandbox.WriteConfig("functions", pollingInterval: null, numWorkers, [Region]);
            app = context.StartApp(config, sandbox.Home, SubscribedMarker);
            await app.WaitForAsync(SubscribedMarker, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            var platform = await SoarPlatform.StartAsync(broker.ClientOptions(), BenchSandbox.OrgId, cancellationToken: cancellationToken).ConfigureAwait(false);
            platform.RetainReplies = false;
            platform.CallTimeout = TimeSpan.FromSeconds(30);
            return new FunctionRig(sandbox, app, platform, ids);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync().ConfigureAwait(false);
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Archives the next finding (round robin over the seeded ones) through the queue; true when the app answered success.</summary>
    public async Task<bool> ArchiveNextAsync(CancellationToken cancellationToken)
    {
        var id = _findingIds[(int)((uint)Interlocked.Increment(ref _next) % (uint)_findingIds.Count)];
        var inputs = new JObject
        {
            [InputNames.FindingId] = id,
            [InputNames.DetectorId] = _sandbox.Detectors[Region].DetectorId,
            [InputNames.Region] = Region,
        };
        var reply = await Platform.CallAsync(FunctionNames.ArchiveFinding, inputs, cancellationToken).ConfigureAwait(false);
        return !reply.IsError && reply.Success && reply.Content?["status"]?.ToString() == "ok";
    }

    /// <summary>The broker's process (its java runs as a child of it), for CPU accounting.</summary>
    public int? BrokerProcessId => _sandbox.Broker?.ProcessId;

    public long GuardDutyArchiveCalls => _sandbox.GuardDuty.State.Calls.Count("ArchiveFindings");

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        await _sandbox.DisposeAsync().ConfigureAwait(false);
    }
}
