using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_update_ipset</c>; see <see cref="UpdateThreatListFunction"/>.</summary>
public sealed class UpdateIpSetFunction(GuardDutyClientFactory clients, ILogger<UpdateIpSetFunction> logger)
    : UpdateThreatListFunction(ThreatListSpec.IpSet, clients, logger)
{
    public override string Name => FunctionNames.UpdateIpSet;
}
