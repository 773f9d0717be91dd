using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_threat_entity_set</c>; see <see cref="DeleteThreatListFunction"/>.</summary>
public sealed class DeleteThreatEntitySetFunction(GuardDutyClientFactory clients, ILogger<DeleteThreatEntitySetFunction> logger)
    : DeleteThreatListFunction(ThreatListSpec.ThreatEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.DeleteThreatEntitySet, "AWS GuardDuty: Delete Threat Entity Set",
        "Deletes a threat entity set from a GuardDuty detector.",
        [InputNames.Region, InputNames.DetectorId, InputNames.ThreatEntitySetId]);

    public override string Name => FunctionNames.DeleteThreatEntitySet;
}
