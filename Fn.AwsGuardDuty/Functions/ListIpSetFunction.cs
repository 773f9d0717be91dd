using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_list_ipset</c>; see <see cref="ListThreatListFunction"/>.</summary>
public sealed class ListIpSetFunction(GuardDutyClientFactory clients, ILogger<ListIpSetFunction> logger)
    : ListThreatListFunction(ThreatListSpec.IpSet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListIpSet, "AWS GuardDuty: List IPSet",
        "Lists the ids of the IPSets of a GuardDuty detector.",
        [InputNames.DetectorId, InputNames.Region, InputNames.MaxResults, InputNames.NextToken]);

    public override string Name => FunctionNames.ListIpSet;
}
