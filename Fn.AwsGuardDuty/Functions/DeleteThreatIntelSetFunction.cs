using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_threatintelset</c>; see <see cref="DeleteThreatListFunction"/>.</summary>
public sealed class DeleteThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<DeleteThreatIntelSetFunction> logger)
    : DeleteThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.DeleteThreatIntelSet, "AWS GuardDuty: Delete ThreatIntelSet",
        "Deletes a ThreatIntelSet from a GuardDuty detector.",
        [InputNames.ThreatIntelSetId, InputNames.DetectorId, InputNames.Region]);

    public override string Name => FunctionNames.DeleteThreatIntelSet;
}
