namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>One page of a list operation. <see cref="NextToken"/> is null at the end (an empty token counts as the end).</summary>
public sealed record GuardDutyPage<T>(IReadOnlyList<T> Items, string? NextToken)
{
    public bool IsLast => NextToken is null;
}
