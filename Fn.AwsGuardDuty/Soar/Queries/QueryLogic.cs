namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>How a filter's conditions combine (<c>logic_type</c>).</summary>
public enum QueryLogic
{
    All,
    Any,
}
