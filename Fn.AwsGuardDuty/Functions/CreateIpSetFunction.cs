using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_create_ipset</c>; see <see cref="CreateThreatListFunction"/>.</summary>
public sealed class CreateIpSetFunction(GuardDutyClientFactory clients, ILogger<CreateIpSetFunction> logger)
    : CreateThreatListFunction(ThreatListSpec.IpSet, clients, logger)
{
    public override string Name => FunctionNames.CreateIpSet;
}
