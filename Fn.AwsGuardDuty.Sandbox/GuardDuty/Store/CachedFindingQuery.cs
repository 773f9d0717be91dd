using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>The sorted result of one ListFindings query at one detector version, reused while paging.</summary>
internal sealed record CachedFindingQuery(long Version, FindingSortEntry[] Entries);
