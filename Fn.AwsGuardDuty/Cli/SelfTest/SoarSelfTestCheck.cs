using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>"SOAR login and org": REST login with the configured credentials, the org picked, actions_framework_enabled.</summary>
public sealed class SoarSelfTestCheck(SelfTestSession session) : ISelfTestCheck
{
    public const string CheckName = "SOAR login and org";

    public string Name => CheckName;

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var resilient = session.Config.Resilient;
        SoarClient client;
        try
        {
            var options = SoarClientOptionsMapping.From(resilient, session.Config.Integrations);
            // Fail within selftest_timeout with the real reason rather than time out mid-back-off.
            options.RequestMaxRetries = Math.Min(options.RequestMaxRetries, 2);
            options.RequestRetryDelay = TimeSpan.FromMilliseconds(Math.Min(options.RequestRetryDelay.TotalMilliseconds, 500));
            options.RequestTimeout = session.Timeout * 0.8;
            client = session.Own(new SoarClient(options, session.LoggerFactory));
        }
        catch (SoarException e)
        {
            return Failed(e);
        }

        SoarSession soar;
        try
        {
            soar = await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException e)
        {
            return Failed(e);
        }

        session.PassedSoar(soar);
        var who = soar.AuthMode == SoarAuthMode.ApiKey ? $"API key {resilient.ApiKeyId}" : $"user {resilient.Email}";
        var message = $"logged in to {client.BaseUrl} as {who}; org {soar.Org}";
        return soar.ActionsFrameworkEnabled
            ? SelfTestResult.Pass($"{message}; actions framework enabled")
            : SelfTestResult.Pass($"{message}; actions framework DISABLED",
                "functions cannot be served until the org's actions framework is enabled in SOAR (the poller works without it)");
    }

    private SelfTestResult Failed(Exception e)
    {
        var failure = SoarFailures.Describe(e, session.Config.Resilient);
        return SelfTestResult.Fail(failure.Message, failure.Hint);
    }
}
