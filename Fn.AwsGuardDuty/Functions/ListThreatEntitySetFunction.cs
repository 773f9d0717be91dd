using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_list_threat_entity_set</c>; see <see cref="ListEntitySetFunction"/>.</summary>
public sealed class ListThreatEntitySetFunction(GuardDutyClientFactory clients, ILogger<ListThreatEntitySetFunction> logger)
    : ListEntitySetFunction(ThreatListSpec.ThreatEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListThreatEntitySet, "AWS GuardDuty: List Threat Entity Set",
        "Lists the ids of the threat entity sets of a GuardDuty detector.",
        [InputNames.Region, InputNames.DetectorId, InputNames.MaxResults, InputNames.NextToken]);

    public override string Name => FunctionNames.ListThreatEntitySet;
}
