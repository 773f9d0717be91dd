using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_create_ipset</c>; see <see cref="CreateThreatListFunction"/>.</summary>
public sealed class CreateIpSetFunction(GuardDutyClientFactory clients, ILogger<CreateIpSetFunction> logger)
    : CreateThreatListFunction(ThreatListSpec.IpSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.CreateIpSet, "AWS GuardDuty: Create IPSet",
        "Creates a trusted-IP list (IPSet) in a GuardDuty detector from a file in S3.",
        [InputNames.Format, InputNames.Name, InputNames.DetectorId, InputNames.Region, InputNames.Activate, InputNames.Location, InputNames.ClientToken, InputNames.Tags, InputNames.BucketOwner]);

    public override string Name => FunctionNames.CreateIpSet;
}
