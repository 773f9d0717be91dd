using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Discovery;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>
/// What the selftest rows found so far, so a row can build on the one before it (STOMP needs the org id from the
/// SOAR row; regions need the AWS credentials; detectors need the regions) and show itself skipped when that row
/// failed. Rows run one after another, in registration order. Owns the clients the rows made.
/// </summary>
public sealed class SelfTestSession : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public SelfTestSession(AppConfig config, ILoggerFactory loggerFactory)
    {
        Config = config;
        LoggerFactory = loggerFactory;
    }

    public AppConfig Config { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The SOAR session when the SOAR row passed.</summary>
    public SoarSession? Soar { get; private set; }

    /// <summary>The factory (with working credentials) when the AWS credentials row passed.</summary>
    public GuardDutyClientFactory? GuardDuty { get; private set; }

    /// <summary>The regions and their detectors when the regions row passed.</summary>
    public RegionRefreshResult? Regions { get; private set; }

    /// <summary>The time a row may spend, from selftest_timeout; clients are tuned to fail within it with their real reason.</summary>
    public TimeSpan Timeout => Config.Resilient.SelftestTimeout;

    internal void PassedSoar(SoarSession session) => Soar = session;

    internal void PassedAws(GuardDutyClientFactory factory) => GuardDuty = factory;

    internal void PassedRegions(RegionRefreshResult regions) => Regions = regions;

    internal T Own<T>(T disposable)
        where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(disposable);
        }

        return disposable;
    }

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var owned in Enumerable.Reverse(_owned))
            {
                owned.Dispose();
            }

            _owned.Clear();
        }
    }
}
