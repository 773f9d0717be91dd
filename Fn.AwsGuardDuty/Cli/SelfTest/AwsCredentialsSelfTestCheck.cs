using Amazon.Runtime;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Hosting;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>"AWS credentials": resolves them as <c>run</c> does (static keys, profile, default chain, AssumeRole) and asks STS who they are.</summary>
public sealed class AwsCredentialsSelfTestCheck(SelfTestSession session) : ISelfTestCheck
{
    public const string CheckName = "AWS credentials";

    public string Name => CheckName;

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = GuardDutyClientOptionsMapping.From(session.Config.GuardDuty);
            // Fail within selftest_timeout with the real reason rather than time out mid-back-off.
            options.MaxAttempts = Math.Min(options.MaxAttempts, 2);
            options.PerTryTimeout = Min(options.PerTryTimeout, session.Timeout * 0.4);
            options.TotalDeadline = Min(options.TotalDeadline, session.Timeout * 0.9);
            var factory = session.Own(await GuardDutyClientFactory.CreateAsync(options, session.LoggerFactory, cancellationToken).ConfigureAwait(false));
            var identity = await AwsCallerIdentity.GetAsync(factory, cancellationToken).ConfigureAwait(false);
            session.PassedAws(factory);
            return SelfTestResult.Pass($"account {identity.Account} as {identity.Arn} (from {identity.Source})");
        }
        catch (Exception e) when (e is GuardDutyException or AmazonServiceException or AmazonClientException or ArgumentException)
        {
            var failure = AwsFailures.Describe(e);
            return SelfTestResult.Fail(failure.Message, failure.Hint);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
