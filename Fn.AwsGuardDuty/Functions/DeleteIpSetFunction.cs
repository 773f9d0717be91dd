using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_ipset</c>; see <see cref="DeleteThreatListFunction"/>.</summary>
public sealed class DeleteIpSetFunction(GuardDutyClientFactory clients, ILogger<DeleteIpSetFunction> logger)
    : DeleteThreatListFunction(ThreatListSpec.IpSet, clients, logger)
{
    public override string Name => FunctionNames.DeleteIpSet;
}
