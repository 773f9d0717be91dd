using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_get_threatintelset</c>; see <see cref="GetThreatListFunction"/>.</summary>
public sealed class GetThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<GetThreatIntelSetFunction> logger)
    : GetThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger)
{
    public override string Name => FunctionNames.GetThreatIntelSet;
}
