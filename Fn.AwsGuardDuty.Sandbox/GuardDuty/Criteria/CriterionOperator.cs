namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// The Condition operators (deprecated spellings map onto these). <see cref="Matches"/> and <see cref="NotMatches"/>
/// exist only in CreateFilter/UpdateFilter.
/// </summary>
public enum CriterionOperator
{
    Equals,
    NotEquals,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Matches,
    NotMatches,
}
