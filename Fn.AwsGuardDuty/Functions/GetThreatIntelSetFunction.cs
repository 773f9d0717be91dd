using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_get_threatintelset</c>; see <see cref="GetThreatListFunction"/>.</summary>
public sealed class GetThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<GetThreatIntelSetFunction> logger)
    : GetThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetThreatIntelSet, "AWS GuardDuty: Get ThreatIntelSet",
        "Gets the name, format, location, status and tags of a ThreatIntelSet.",
        [InputNames.ThreatIntelSetId, InputNames.DetectorId, InputNames.Region]);

    public override string Name => FunctionNames.GetThreatIntelSet;
}
