namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>CPU used (and the app's context switches) by the app, the broker (java) and this bench process (emulators, SOAR platform) between start and <see cref="Stop"/>.</summary>
public sealed class CpuMeter
{
    private readonly int _app;
    private readonly int? _broker;
    private readonly TimeSpan _appStart;
    private readonly TimeSpan _brokerStart;
    private readonly TimeSpan _selfStart;
    private readonly long _appSwitchesStart;

    private CpuMeter(int app, int? broker)
    {
        _app = app;
        _broker = broker;
        _appStart = ProcCpu.OfTree(app);
        _appSwitchesStart = ProcCpu.ContextSwitches(app);
        _brokerStart = broker is { } b ? ProcCpu.OfTree(b) : TimeSpan.Zero;
        _selfStart = Self();
    }

    public static CpuMeter Start(int appPid, int? brokerPid = null) => new(appPid, brokerPid);

    /// <summary>CPU milliseconds per operation of each party over <paramref name="operations"/> operations.</summary>
    public Dictionary<string, double> Stop(long operations)
    {
        var ops = Math.Max(1, operations);
        var result = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["app_cpu_ms_per_op"] = Math.Round((ProcCpu.OfTree(_app) - _appStart).TotalMilliseconds / ops, 3),
            ["app_context_switches_per_op"] = Math.Round((double)(ProcCpu.ContextSwitches(_app) - _appSwitchesStart) / ops, 2),
            ["bench_process_cpu_ms_per_op"] = Math.Round((Self() - _selfStart).TotalMilliseconds / ops, 3),
        };
        if (_broker is { } broker)
        {
            result["broker_cpu_ms_per_op"] = Math.Round((ProcCpu.OfTree(broker) - _brokerStart).TotalMilliseconds / ops, 3);
        }

        return result;
    }

    private static TimeSpan Self()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
