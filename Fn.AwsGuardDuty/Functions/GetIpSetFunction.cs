using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_get_ipset</c>; see <see cref="GetThreatListFunction"/>.</summary>
public sealed class GetIpSetFunction(GuardDutyClientFactory clients, ILogger<GetIpSetFunction> logger)
    : GetThreatListFunction(ThreatListSpec.IpSet, clients, logger)
{
    public override string Name => FunctionNames.GetIpSet;
}
