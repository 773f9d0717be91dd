using Amazon.Runtime;

namespace Fn.AwsGuardDuty.Metrics;

/// <summary>The <c>outcome</c> of an AWS SDK call that threw: the service answered with an error, or no answer came.</summary>
public static class AwsCallOutcome
{
    public static string Of(Exception error) => error is AmazonServiceException ? MetricOutcomes.Error : MetricOutcomes.Unreachable;
}
