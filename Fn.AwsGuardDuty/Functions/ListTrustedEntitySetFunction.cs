using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_list_trusted_entity_set</c>; see <see cref="ListEntitySetFunction"/>.</summary>
public sealed class ListTrustedEntitySetFunction(GuardDutyClientFactory clients, ILogger<ListTrustedEntitySetFunction> logger)
    : ListEntitySetFunction(ThreatListSpec.TrustedEntitySet, clients, logger), ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListTrustedEntitySet, "AWS GuardDuty: List Trusted Entity Set",
        "Lists the ids of the trusted entity sets of a GuardDuty detector.",
        [InputNames.Region, InputNames.DetectorId, InputNames.MaxResults, InputNames.NextToken]);

    public override string Name => FunctionNames.ListTrustedEntitySet;
}
