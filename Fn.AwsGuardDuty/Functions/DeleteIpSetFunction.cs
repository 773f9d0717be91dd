using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_ipset</c>; see <see cref="DeleteThreatListFunction"/>.</summary>
public sealed class DeleteIpSetFunction(GuardDutyClientFactory clients, ILogger<DeleteIpSetFunction> logger)
    : DeleteThreatListFunction(ThreatListSpec.IpSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.DeleteIpSet, "AWS GuardDuty: Delete IPSet",
        "Deletes an IPSet from a GuardDuty detector.",
        [InputNames.IpSetId, InputNames.DetectorId, InputNames.Region]);

    public override string Name => FunctionNames.DeleteIpSet;
}
