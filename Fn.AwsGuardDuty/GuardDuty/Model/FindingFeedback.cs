namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>UpdateFindingsFeedback values: <c>USEFUL</c> | <c>NOT_USEFUL</c>.</summary>
public enum FindingFeedback
{
    Useful,
    NotUseful,
}
