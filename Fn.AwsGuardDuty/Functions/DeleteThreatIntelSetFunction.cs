using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_threatintelset</c>; see <see cref="DeleteThreatListFunction"/>.</summary>
public sealed class DeleteThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<DeleteThreatIntelSetFunction> logger)
    : DeleteThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger)
{
    public override string Name => FunctionNames.DeleteThreatIntelSet;
}
