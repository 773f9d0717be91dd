using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>
/// CreateFilter / UpdateFilter. Members left null are not sent (UpdateFilter then keeps them). <see cref="Criteria"/>
/// is the FindingCriteria in wire form (<c>{"criterion":{field:{"eq":[…]}}}</c>); CreateFilter requires it and a name.
/// </summary>
public sealed record FilterRequest
{
    public string? Name { get; init; }

    /// <summary>NOOP or ARCHIVE; GuardDuty takes NOOP when it is not sent.</summary>
    public string? Action { get; init; }

    /// <summary>1–100.</summary>
    public int? Rank { get; init; }

    public string? Description { get; init; }

    public JObject? Criteria { get; init; }
}
