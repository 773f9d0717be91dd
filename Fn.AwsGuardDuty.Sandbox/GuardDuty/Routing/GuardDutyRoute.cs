using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;

/// <summary>
/// A matched request: the operation, and the decoded URI labels it carries (<see cref="ThreatListId"/> is also the
/// filter name of the filter operations).
/// </summary>
public sealed record GuardDutyRoute(string Operation, string? DetectorId = null, ThreatListKind? ThreatList = null, string? ThreatListId = null);
