namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>The <c>return_level</c> query parameter: how much of each incident a query returns.</summary>
public enum ReturnLevel
{
    Partial,
    Normal,
    Full,
}
