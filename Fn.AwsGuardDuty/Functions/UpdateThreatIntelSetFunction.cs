using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_update_threatintelset</c>; see <see cref="UpdateThreatListFunction"/>.</summary>
public sealed class UpdateThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<UpdateThreatIntelSetFunction> logger)
    : UpdateThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger)
{
    public override string Name => FunctionNames.UpdateThreatIntelSet;
}
