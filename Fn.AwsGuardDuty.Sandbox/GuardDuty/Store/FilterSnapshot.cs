using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>A copy of one filter for tests and the sandbox: its criteria as the caller sent them (wire form).</summary>
public sealed record FilterSnapshot(string Name, string Action, int Rank, string? Description, JObject FindingCriteria, long Version);
