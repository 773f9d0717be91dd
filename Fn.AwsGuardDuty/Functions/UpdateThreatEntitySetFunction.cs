using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_update_threat_entity_set</c>; see <see cref="UpdateThreatListFunction"/>.</summary>
public sealed class UpdateThreatEntitySetFunction(GuardDutyClientFactory clients, ILogger<UpdateThreatEntitySetFunction> logger)
    : UpdateThreatListFunction(ThreatListSpec.ThreatEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UpdateThreatEntitySet, "AWS GuardDuty: Update Threat Entity Set",
        "Updates the name, location or activation of a threat entity set.",
        [InputNames.Region, InputNames.DetectorId, InputNames.ThreatEntitySetId, InputNames.NewName, InputNames.NewLocation, InputNames.NewActivate, InputNames.BucketOwner]);

    public override string Name => FunctionNames.UpdateThreatEntitySet;
}
