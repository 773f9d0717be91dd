namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>Where a path is rooted: <c>/rest/orgs/{org_id}</c> (most calls) or <c>/rest</c> (session, const, orgs).</summary>
internal enum SoarScope
{
    Org,
    Absolute,
}
