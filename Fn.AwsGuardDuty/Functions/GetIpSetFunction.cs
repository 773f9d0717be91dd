using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_get_ipset</c>; see <see cref="GetThreatListFunction"/>.</summary>
public sealed class GetIpSetFunction(GuardDutyClientFactory clients, ILogger<GetIpSetFunction> logger)
    : GetThreatListFunction(ThreatListSpec.IpSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetIpSet, "AWS GuardDuty: Get IPSet",
        "Gets the name, format, location, status and tags of an IPSet.",
        [InputNames.IpSetId, InputNames.DetectorId, InputNames.Region]);

    public override string Name => FunctionNames.GetIpSet;
}
