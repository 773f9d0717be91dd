using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_create_threatintelset</c>; see <see cref="CreateThreatListFunction"/>.</summary>
public sealed class CreateThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<CreateThreatIntelSetFunction> logger)
    : CreateThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.CreateThreatIntelSet, "AWS GuardDuty: Create ThreatIntelSet",
        "Creates a known-malicious IP list (ThreatIntelSet) in a GuardDuty detector from a file in S3.",
        [InputNames.Format, InputNames.Name, InputNames.DetectorId, InputNames.Region, InputNames.Activate, InputNames.Location, InputNames.ClientToken, InputNames.Tags]);

    public override string Name => FunctionNames.CreateThreatIntelSet;
}
