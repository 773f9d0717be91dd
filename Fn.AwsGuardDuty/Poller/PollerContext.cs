using Fn.AwsGuardDuty.Findings;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>What every detector pass of a poller shares. <see cref="Backstop"/> is set in push mode (the pass queues instead of escalating).</summary>
internal sealed record PollerContext(
    PollerOptions Options,
    PollerSoar Soar,
    FindingMapper Mapper,
    FindingFilter Filter,
    CloseTemplate CloseTemplate,
    CheckpointStore Store,
    TimeProvider Time,
    ILogger Logger,
    Push.PushBackstopSender? Backstop = null,
    Metrics.AppMetrics? Metrics = null);
