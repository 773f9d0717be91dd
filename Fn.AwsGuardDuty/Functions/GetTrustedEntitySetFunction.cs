using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_get_trusted_entity_set</c>; see <see cref="GetEntitySetFunction"/>.</summary>
public sealed class GetTrustedEntitySetFunction(GuardDutyClientFactory clients, ILogger<GetTrustedEntitySetFunction> logger)
    : GetEntitySetFunction(ThreatListSpec.TrustedEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetTrustedEntitySet, "AWS GuardDuty: Get Trusted Entity Set",
        "Gets the name, format, location, status and tags of a trusted entity set.",
        [InputNames.Region, InputNames.DetectorId, InputNames.TrustedEntitySetId]);

    public override string Name => FunctionNames.GetTrustedEntitySet;
}
