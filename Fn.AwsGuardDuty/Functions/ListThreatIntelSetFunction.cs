using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_list_threatintelset</c>; see <see cref="ListThreatListFunction"/>.</summary>
public sealed class ListThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<ListThreatIntelSetFunction> logger)
    : ListThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger)
{
    public override string Name => FunctionNames.ListThreatIntelSet;
}
