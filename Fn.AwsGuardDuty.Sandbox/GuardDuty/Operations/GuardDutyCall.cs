using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Requests;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>One authenticated call: who made it (account and region from the signature), what, and its members.</summary>
internal sealed record GuardDutyCall(SigV4Identity Identity, GuardDutyRoute Route, RequestMembers Body, QueryMembers Query)
{
    public string AccountId => Identity.AccountId;

    public string Region => Identity.Region;
}
