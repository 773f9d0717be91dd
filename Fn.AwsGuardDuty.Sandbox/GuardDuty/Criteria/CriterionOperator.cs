namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>The Condition operators ListFindings evaluates (deprecated spellings map onto these).</summary>
public enum CriterionOperator
{
    Equals,
    NotEquals,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}
