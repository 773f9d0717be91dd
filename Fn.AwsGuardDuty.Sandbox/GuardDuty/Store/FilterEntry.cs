using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>One filter (a suppression rule when its action is ARCHIVE): the criteria as sent, and parsed.</summary>
internal sealed class FilterEntry(string name, DateTimeOffset createdAt)
{
    public const string Archive = "ARCHIVE";
    public const string Noop = "NOOP";

    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public required string Action { get; set; }

    public int Rank { get; set; }

    public string? Description { get; set; }

    public required JObject CriteriaJson { get; set; }

    public required FindingCriteria Criteria { get; set; }

    public long Version { get; set; } = 1;

    public string? ClientToken { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
