using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_list_threatintelset</c>; see <see cref="ListThreatListFunction"/>.</summary>
public sealed class ListThreatIntelSetFunction(GuardDutyClientFactory clients, ILogger<ListThreatIntelSetFunction> logger)
    : ListThreatListFunction(ThreatListSpec.ThreatIntelSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListThreatIntelSet, "AWS GuardDuty: List ThreatIntelSet",
        "Lists the ids of the ThreatIntelSets of a GuardDuty detector.",
        [InputNames.DetectorId, InputNames.Region, InputNames.MaxResults, InputNames.NextToken]);

    public override string Name => FunctionNames.ListThreatIntelSet;
}
