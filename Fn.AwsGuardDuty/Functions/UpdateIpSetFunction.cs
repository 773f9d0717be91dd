using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_update_ipset</c>; see <see cref="UpdateThreatListFunction"/>.</summary>
public sealed class UpdateIpSetFunction(GuardDutyClientFactory clients, ILogger<UpdateIpSetFunction> logger)
    : UpdateThreatListFunction(ThreatListSpec.IpSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UpdateIpSet, "AWS GuardDuty: Update IPSet",
        "Updates the name, location or activation of an IPSet.",
        [InputNames.DetectorId, InputNames.Region, InputNames.IpSetId, InputNames.NewName, InputNames.NewLocation, InputNames.NewActivate, InputNames.BucketOwner]);

    public override string Name => FunctionNames.UpdateIpSet;
}
