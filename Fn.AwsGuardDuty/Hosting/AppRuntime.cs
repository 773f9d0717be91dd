using System.Diagnostics;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// What <c>run</c> makes before it builds the host, because DI has no async factories: the SOAR client, logged in
/// (org id, actions_framework_enabled), and the GuardDuty client factory with its resolved credentials. Both are
/// made at the same time so start-up pays for the slower one only. Owns them; dispose after the host.
/// </summary>
public sealed class AppRuntime : IAsyncDisposable
{
    private AppRuntime(AppConfig config, SoarClient soar, SoarSession session, GuardDutyClientFactory guardDuty, long startTimestamp)
    {
        Config = config;
        Soar = soar;
        Session = session;
        GuardDuty = guardDuty;
        StartTimestamp = startTimestamp;
    }

    public AppConfig Config { get; }

    public SoarClient Soar { get; }

    public SoarSession Session { get; }

    public GuardDutyClientFactory GuardDuty { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when <c>run</c> began, for the start-to-subscribed time.</summary>
    public long StartTimestamp { get; }

    /// <summary>Set when a part must end the process with exit 1.</summary>
    public RunOutcome Outcome { get; } = new();

    /// <summary>False when the org's actions framework is off: no STOMP connection, no function listener (as resilient-circuits).</summary>
    public bool ListenerEnabled => Session.ActionsFrameworkEnabled;

    /// <summary>
    /// Logs in to SOAR and resolves the AWS credentials concurrently. Throws <see cref="AppStartupException"/> with one
    /// clear line (what failed, what to fix) when either fails.
    /// </summary>
    public static async Task<AppRuntime> CreateAsync(AppConfig config, ILoggerFactory loggerFactory, CancellationToken cancellationToken,
        long? startTimestamp = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<AppRuntime>();
        var started = startTimestamp ?? Stopwatch.GetTimestamp();

        SoarClient soar;
        GuardDutyClientOptions guardDutyOptions;
        try
        {
            soar = new SoarClient(SoarClientOptionsMapping.From(config.Resilient, config.Integrations), loggerFactory);
        }
        catch (SoarException e)
        {
            throw new AppStartupException(SoarFailures.Describe(e, config.Resilient), e);
        }

        try
        {
            guardDutyOptions = GuardDutyClientOptionsMapping.From(config.GuardDuty);
            guardDutyOptions.Validate();
        }
        catch (ArgumentException e)
        {
            soar.Dispose();
            throw new AppStartupException(AwsFailures.Describe(e), e);
        }

        logger.LogInformation("Logging in to SOAR at {BaseUrl} and resolving the AWS credentials", soar.BaseUrl);
        var login = soar.ConnectAsync(cancellationToken);
        var aws = GuardDutyClientFactory.CreateAsync(guardDutyOptions, loggerFactory, cancellationToken);
        try
        {
            await Task.WhenAll(login, aws).ConfigureAwait(false);
        }
        catch
        {
            // Each task is looked at below; the first exception alone would hide the other failure.
        }

        if (!login.IsCompletedSuccessfully || !aws.IsCompletedSuccessfully)
        {
            soar.Dispose();
            if (aws.IsCompletedSuccessfully)
            {
                aws.Result.Dispose();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (login.Exception?.InnerException is { } soarError)
            {
                throw new AppStartupException(SoarFailures.Describe(soarError, config.Resilient), soarError);
            }

            var awsError = aws.Exception?.InnerException ?? new OperationCanceledException();
            throw new AppStartupException(AwsFailures.Describe(awsError), awsError);
        }

        var session = login.Result;
        logger.LogInformation("SOAR: logged in as {AuthMode} to org {Org} in {Elapsed} ms; actions framework {Actions}",
            session.AuthMode, session.Org, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            session.ActionsFrameworkEnabled ? "enabled" : "DISABLED");
        return new AppRuntime(config, soar, session, aws.Result, started);
    }

    public ValueTask DisposeAsync()
    {
        GuardDuty.Dispose();
        Soar.Dispose();
        return ValueTask.CompletedTask;
    }
}
