namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>A finding's position in a sorted query: its sort key, then its id as the tie-breaker.</summary>
internal readonly record struct FindingSortEntry(SortValue Key, string Id);
