using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_update_threatintelset</c>; see <see cref="UpdateThreatListFunction"/>.</summary>
public sealed class UpdateThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<UpdateThreatIntelSetFunction> logger)
    : UpdateThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UpdateThreatIntelSet, "AWS GuardDuty: Update ThreatIntelSet",
        "Updates the name, location or activation of a ThreatIntelSet.",
        [InputNames.DetectorId, InputNames.Region, InputNames.ThreatIntelSetId, InputNames.NewName, InputNames.NewLocation, InputNames.NewActivate]);

    public override string Name => FunctionNames.UpdateThreatIntelSet;
}
