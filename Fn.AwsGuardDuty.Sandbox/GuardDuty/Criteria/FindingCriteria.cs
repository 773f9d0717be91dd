using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>A parsed <c>findingCriteria</c>: every condition must hold (fields AND together).</summary>
internal sealed class FindingCriteria(IReadOnlyList<CriterionCondition> conditions)
{
    public static FindingCriteria Empty { get; } = new([]);

    public IReadOnlyList<CriterionCondition> Conditions { get; } = conditions;

    /// <summary>Same meaning, same text: operator spellings and equals-value order do not matter.</summary>
    public string Canonical => string.Join('\n', Conditions.Select(condition => condition.Canonical).Order(StringComparer.Ordinal));

    public bool Matches(StoredFinding finding)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(finding))
            {
                return false;
            }
        }

        return true;
    }
}
