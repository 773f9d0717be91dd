using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_update_{ipset|threatintelset}</c> (§4.4). Required: detector, region, the set's id; optional:
/// new name, new location, new activate, and (IPSet only) bucket owner; only the given ones are sent.
/// Content <c>{"ResponseMetadata":{…},"status":"ok"}</c>.
/// </summary>
public abstract class UpdateThreatListFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var detectorId = inputs.DetectorId();
        var region = inputs.Region();
        var id = inputs.RequiredId(spec.IdInput);
        var request = new UpdateThreatListRequest
        {
            Name = inputs.OptionalText(InputNames.NewName),
            Location = inputs.OptionalText(InputNames.NewLocation),
            Activate = inputs.GetBoolean(InputNames.NewActivate),
            ExpectedBucketOwner = spec.HasBucketOwner ? inputs.BucketOwner() : null,
        };

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            await clients.GetClient(region).UpdateThreatListAsync(spec.Kind, detectorId, id, request, cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Updated {Noun} {Id} of detector {DetectorId} in {Region}", spec.Noun, id, detectorId, region);
            return OkContent.Build();
        });
    }
}
