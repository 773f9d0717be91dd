using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_get_threat_entity_set</c>; see <see cref="GetEntitySetFunction"/>.</summary>
public sealed class GetThreatEntitySetFunction(GuardDutyClientFactory clients, ILogger<GetThreatEntitySetFunction> logger)
    : GetEntitySetFunction(ThreatListSpec.ThreatEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetThreatEntitySet, "AWS GuardDuty: Get Threat Entity Set",
        "Gets the name, format, location, status and tags of a threat entity set.",
        [InputNames.Region, InputNames.DetectorId, InputNames.ThreatEntitySetId]);

    public override string Name => FunctionNames.GetThreatEntitySet;
}
