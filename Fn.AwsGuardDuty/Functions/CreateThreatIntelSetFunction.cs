using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_create_threatintelset</c>; see <see cref="CreateThreatListFunction"/>.</summary>
public sealed class CreateThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<CreateThreatIntelSetFunction> logger)
    : CreateThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger)
{
    public override string Name => FunctionNames.CreateThreatIntelSet;
}
