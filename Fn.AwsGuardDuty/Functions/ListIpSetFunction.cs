using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_list_ipset</c>; see <see cref="ListThreatListFunction"/>.</summary>
public sealed class ListIpSetFunction(GuardDutyClientFactory clients, ILogger<ListIpSetFunction> logger)
    : ListThreatListFunction(ThreatListSpec.IpSet, clients, logger)
{
    public override string Name => FunctionNames.ListIpSet;
}
