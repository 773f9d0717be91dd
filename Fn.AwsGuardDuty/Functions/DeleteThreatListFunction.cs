using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_delete_{ipset|threatintelset}</c> (§4.4). Required: the set's id, detector, region.
/// Content <c>{"ResponseMetadata":{…},"status":"ok"}</c>.
/// </summary>
public abstract class DeleteThreatListFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var id = call.Inputs.RequiredId(spec.IdInput);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            await clients.GetClient(region).DeleteThreatListAsync(spec.Kind, detectorId, id, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Deleted {Noun} {Id} of detector {DetectorId} in {Region}", spec.Noun, id, detectorId, region);
            return OkContent.Build();
        });
    }
}
