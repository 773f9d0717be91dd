using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_create_threat_entity_set</c>; see <see cref="CreateThreatListFunction"/>.</summary>
public sealed class CreateThreatEntitySetFunction(GuardDutyClientFactory clients, ILogger<CreateThreatEntitySetFunction> logger)
    : CreateThreatListFunction(ThreatListSpec.ThreatEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.CreateThreatEntitySet, "AWS GuardDuty: Create Threat Entity Set",
        "Creates a threat entity set (known-malicious IP addresses and domains) in a GuardDuty detector from a file in S3.",
        [InputNames.Region, InputNames.DetectorId, InputNames.Format, InputNames.Name, InputNames.Location, InputNames.Activate, InputNames.ClientToken, InputNames.Tags, InputNames.BucketOwner]);

    public override string Name => FunctionNames.CreateThreatEntitySet;
}
