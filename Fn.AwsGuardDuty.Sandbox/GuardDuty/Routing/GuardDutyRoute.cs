using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;

/// <summary>A matched request: the operation, and the decoded URI labels it carries.</summary>
public sealed record GuardDutyRoute(string Operation, string? DetectorId = null, ThreatListKind? ThreatList = null, string? ThreatListId = null);
