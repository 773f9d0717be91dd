using System.Globalization;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>
/// "STOMP subscription": connects to the broker as <c>run</c> would (TLS, login), SUBSCRIBEs to
/// <c>actions.&lt;org&gt;.&lt;destination&gt;</c> and waits for the broker's RECEIPT (so the subscription is authorised),
/// then DISCONNECTs. It never ACKs: a message the broker hands over meanwhile is redelivered to the real listener.
/// </summary>
public sealed class StompSelfTestCheck(SelfTestSession session) : ISelfTestCheck
{
    public const string CheckName = "STOMP subscription";

    public string Name => CheckName;

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (session.Soar is not { } soar)
        {
            return SelfTestResult.Skipped("not run: the SOAR login failed, so the org id (and the queue name) is unknown");
        }

        if (!soar.ActionsFrameworkEnabled)
        {
            return SelfTestResult.Skipped($"not run: the actions framework of org {soar.Org} is disabled, so run connects no STOMP listener");
        }

        var resilient = session.Config.Resilient;
        var queue = FunctionListenerOptionsMapping.From(resilient, checked((int)soar.OrgId)).SubscribeDestination;
        var options = StompClientOptionsMapping.From(resilient);
        if (options.ConnectTimeout > session.Timeout * 0.8)
        {
            options.ConnectTimeout = session.Timeout * 0.8;
        }

        var logger = session.LoggerFactory.CreateLogger<StompClient>();
        try
        {
            await using var connection = await StompConnection.ConnectAsync(options, 1, static _ => { }, static _ => { }, logger, cancellationToken)
                .ConfigureAwait(false);
            var subscription = new StompSubscription(queue)
            {
                ExtraHeaders = [new(StompHeaders.PrefetchSize, "1")],
            };
            await connection.SendWithReceiptAsync(subscription.ToFrame(null), cancellationToken).ConfigureAwait(false);
            await connection.DisconnectAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var transport = options.UseTls ? (options.VerifyServerCertificate ? "TLS, certificate verified" : "TLS, certificate NOT verified") : "plain TCP";
            return SelfTestResult.Pass(string.Create(CultureInfo.InvariantCulture,
                $"connected to {options.Host}:{options.Port} ({transport}) as {options.Login}; subscription to {queue} confirmed by the broker"));
        }
        catch (Exception e) when (e is StompConnectionException or StompErrorException or StompProtocolException)
        {
            var failure = StompFailures.Describe(e, resilient, queue);
            return SelfTestResult.Fail(failure.Message, failure.Hint);
        }
    }
}
