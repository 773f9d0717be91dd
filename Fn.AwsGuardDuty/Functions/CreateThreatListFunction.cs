using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_create_{ipset|threatintelset}</c> (§4.4). Required: format, name, detector, region, activate,
/// location; optional: client token, tags, and (IPSet only) bucket owner. Content
/// <c>{"ResponseMetadata":{…},"IpSetId"|"ThreatIntelSetId":id,"status":"ok"}</c>.
/// </summary>
public abstract class CreateThreatListFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var format = inputs.Format();
        var name = inputs.RequiredText(InputNames.Name);
        var detectorId = inputs.DetectorId();
        var region = inputs.Region();
        var activate = inputs.RequiredBoolean(InputNames.Activate);
        var location = inputs.RequiredText(InputNames.Location);
        var request = new CreateThreatListRequest(name, format, location, activate)
        {
            ClientToken = inputs.ClientToken(),
            Tags = inputs.Tags(),
            ExpectedBucketOwner = spec.HasBucketOwner ? inputs.BucketOwner() : null,
        };

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var id = await clients.GetClient(region).CreateThreatListAsync(spec.Kind, detectorId, request, cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Created {Noun} {Id} '{ListName}' for detector {DetectorId} in {Region}",
                spec.Noun, id, name, detectorId, region);
            return OkContent.Build(spec.IdMember, id);
        });
    }
}
