namespace Fn.AwsGuardDuty.GuardDuty.Criteria;

public enum SortOrder
{
    Ascending,
    Descending,
}
