using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>Counts the messages left on a queue by consuming it for a moment (auto ack): 0 means everything was ACKed.</summary>
public static class QueueProbe
{
    public static async Task<int> DrainAsync(ActiveMqBroker broker, string queue, TimeSpan? listenFor = null)
    {
        var count = 0;
        var client = new StompClient(broker.ClientOptions(), NullLogger<StompClient>.Instance);
        await using (client)
        {
            client.SetMessageHandler(_ => Interlocked.Increment(ref count));
            await client.SubscribeAsync(new StompSubscription(queue, "auto") { Id = "probe" });
            client.Start();
            await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(listenFor ?? TimeSpan.FromMilliseconds(500));
        }

        return count;
    }
}
