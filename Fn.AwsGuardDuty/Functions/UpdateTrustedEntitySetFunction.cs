using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_update_trusted_entity_set</c>; see <see cref="UpdateThreatListFunction"/>.</summary>
public sealed class UpdateTrustedEntitySetFunction(GuardDutyClientFactory clients, ILogger<UpdateTrustedEntitySetFunction> logger)
    : UpdateThreatListFunction(ThreatListSpec.TrustedEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UpdateTrustedEntitySet, "AWS GuardDuty: Update Trusted Entity Set",
        "Updates the name, location or activation of a trusted entity set.",
        [InputNames.Region, InputNames.DetectorId, InputNames.TrustedEntitySetId, InputNames.NewName, InputNames.NewLocation, InputNames.NewActivate, InputNames.BucketOwner]);

    public override string Name => FunctionNames.UpdateTrustedEntitySet;
}
