using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_{threat|trusted}_entity_set</c> (extensions.md §C): the Get response as boto3 returns it
/// (<c>Name</c>, <c>Format</c>, <c>Location</c>, <c>Status</c>, <c>Tags</c>, <c>CreatedAt</c>, …) with <c>"status":"ok"</c>.
/// </summary>
public abstract class GetEntitySetFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        var id = call.Inputs.RequiredId(spec.IdInput);
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var details = await clients.GetClient(region).GetThreatListAsync(spec.Kind, detectorId, id, cancellationToken).ConfigureAwait(false);
            return ResponseContent.From(details.Raw, spec.GetResponseShape);
        });
    }
}
