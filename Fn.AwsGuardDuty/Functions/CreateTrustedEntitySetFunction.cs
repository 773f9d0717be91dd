using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_create_trusted_entity_set</c>; see <see cref="CreateThreatListFunction"/>.</summary>
public sealed class CreateTrustedEntitySetFunction(GuardDutyClientFactory clients, ILogger<CreateTrustedEntitySetFunction> logger)
    : CreateThreatListFunction(ThreatListSpec.TrustedEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.CreateTrustedEntitySet, "AWS GuardDuty: Create Trusted Entity Set",
        "Creates a trusted entity set (trusted IP addresses and domains) in a GuardDuty detector from a file in S3.",
        [InputNames.Region, InputNames.DetectorId, InputNames.Format, InputNames.Name, InputNames.Location, InputNames.Activate, InputNames.ClientToken, InputNames.Tags, InputNames.BucketOwner]);

    public override string Name => FunctionNames.CreateTrustedEntitySet;
}
