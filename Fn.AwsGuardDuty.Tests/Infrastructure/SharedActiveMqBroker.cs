namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// One broker for every non-destructive broker test of a run. NUnit gives tests no other way to share an
/// object across fixtures in different namespaces, so this is a process-wide lazy: started by the first test that
/// asks, stopped by <see cref="BrokerRunTeardown"/> at the end of the run (and by process exit as a fallback).
/// Tests that kill or restart a broker start their own <see cref="ActiveMqBroker"/> (from the sandbox) instead.
/// A start failure is remembered, so every broker test reports the same reason without retrying.
/// </summary>
public static class SharedActiveMqBroker
{
    private static readonly Lazy<Task<ActiveMqBroker>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared broker. When it cannot start, the test fails (in every environment) with the reason.</summary>
    public static async Task<ActiveMqBroker> GetAsync()
    {
        try
        {
            return await Instance.Value;
        }
        catch (Exception ex)
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Starts a private broker, with the same failure policy.</summary>
    public static async Task<ActiveMqBroker> StartPrivateAsync()
    {
        try
        {
            return await ActiveMqBroker.StartAsync();
        }
        catch (Exception ex)
        {
            throw Unavailable(ex);
        }
    }

    internal static async Task StopAsync()
    {
        if (Instance.IsValueCreated && Instance.Value.IsCompletedSuccessfully)
        {
            await Instance.Value.Result.DisposeAsync();
        }
    }

    private static InvalidOperationException Unavailable(Exception ex) =>
        new($"ActiveMQ could not start (install it with scripts/test, or apt-get install activemq): {ex.Message}", ex);

    private static async Task<ActiveMqBroker> StartAsync()
    {
        var broker = await ActiveMqBroker.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        return broker;
    }
}
