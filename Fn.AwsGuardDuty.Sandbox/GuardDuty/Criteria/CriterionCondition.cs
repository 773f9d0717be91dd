using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>One operator on one field. Equals is any-of, NotEquals none-of; a numeric bound holds if any value satisfies it.</summary>
internal sealed record CriterionCondition(string Field, CriterionOperator Operator, IReadOnlyList<string> Values, long Bound, bool IsTimestamp)
{
    public bool Matches(StoredFinding finding)
    {
        var values = finding.Values(Field);
        return Operator switch
        {
            CriterionOperator.Equals => values.Any(value => Values.Any(expected => FindingValues.EqualsText(value, expected, IsTimestamp))),
            CriterionOperator.NotEquals => !values.Any(value => Values.Any(expected => FindingValues.EqualsText(value, expected, IsTimestamp))),
            CriterionOperator.Matches => values.Any(value => Values.Any(pattern => WildcardPattern.Matches(FindingValues.Text(value), pattern))),
            CriterionOperator.NotMatches => !values.Any(value => Values.Any(pattern => WildcardPattern.Matches(FindingValues.Text(value), pattern))),
            _ => values.Any(value => FindingValues.TryNumber(value, IsTimestamp, out var number) && Compare(number)),
        };
    }

    public string Canonical => Operator is CriterionOperator.Equals or CriterionOperator.NotEquals or CriterionOperator.Matches or CriterionOperator.NotMatches
        ? $"{Field}\u0001{Operator}\u0001{string.Join('\u0002', Values.Order(StringComparer.Ordinal))}"
        : $"{Field}\u0001{Operator}\u0001{Bound}";

    private bool Compare(decimal number) => Operator switch
    {
        CriterionOperator.GreaterThan => number > Bound,
        CriterionOperator.GreaterThanOrEqual => number >= Bound,
        CriterionOperator.LessThan => number < Bound,
        _ => number <= Bound,
    };
}
