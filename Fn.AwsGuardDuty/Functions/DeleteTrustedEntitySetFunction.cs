using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_trusted_entity_set</c>; see <see cref="DeleteThreatListFunction"/>.</summary>
public sealed class DeleteTrustedEntitySetFunction(GuardDutyClientFactory clients, ILogger<DeleteTrustedEntitySetFunction> logger)
    : DeleteThreatListFunction(ThreatListSpec.TrustedEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.DeleteTrustedEntitySet, "AWS GuardDuty: Delete Trusted Entity Set",
        "Deletes a trusted entity set from a GuardDuty detector.",
        [InputNames.Region, InputNames.DetectorId, InputNames.TrustedEntitySetId]);

    public override string Name => FunctionNames.DeleteTrustedEntitySet;
}
