using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Infrastructure;

namespace Fn.AwsGuardDuty.Tests.Hosting.Health;

/// <summary>
/// The test plays systemd's notify socket: a Unix datagram socket of its own, named to the built app (a child process,
/// as systemd starts it) in NOTIFY_SOCKET, with WATCHDOG_USEC asking for a 1 s watchdog. The app reaches the shared
/// ActiveMQ through a proxy that first refuses connections: READY=1 must wait for the subscription, not for the host.
/// </summary>
[Category("Broker")]
[NonParallelizable]
public sealed class SystemdNotifyTests
{
    [Test]
    public async Task Ready_is_sent_once_subscribed_then_the_watchdog_is_fed_and_stopping_is_sent_on_SIGTERM()
    {
        var broker = await SharedActiveMqBroker.GetAsync();
        await using var proxy = new TcpFaultProxy(broker.StompPort);
        proxy.Refuse(true);
        await using var world = await World.Create().WithAws("123456789012", "AKIANOTIFY0000000001", "notify/secret+key").WithRegions("us-east-1").WithSts()
            .WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Notify Org").WithApiKey(broker.Username, broker.Password)
            .WithBroker(new WorldStomp("127.0.0.1", proxy.Port, Tls: false))
            .StartAsync();
        world.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "stomp_timeout = 5\nnum_workers = 2");
            c.GuardDuty["aws_gd_polling_enabled"] = "false";
        });
        using var notify = new NotifySocket();

        var app = world.StartApp(new AppProcessStart(AppProcessStart.BesideThisAssembly, "notify")
        {
            Environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path, ["WATCHDOG_USEC"] = "1000000" },
        });

        var waiting = await notify.WaitForAsync(m => m.StartsWith("STATUS=waiting for", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        waiting.Should().Contain("stomp:");
        await Task.Delay(TimeSpan.FromSeconds(3));
        notify.Messages.Should().NotContain("READY=1", "the broker refuses connections, so nothing is subscribed");
        notify.Messages.Should().NotContain("WATCHDOG=1", "the watchdog starts with READY");

        proxy.Refuse(false);
        await notify.WaitForAsync(m => m == "READY=1", TimeSpan.FromSeconds(60));
        var ready = notify.Count;
        (await app.WaitForAsync($"STOMP subscribed to actions.{world.OrgId}.fn_aws_gd", TimeSpan.FromSeconds(10))).Should().NotBeNull();
        notify.Messages.Should().Contain("STATUS=ready");

        await Task.Delay(TimeSpan.FromSeconds(2.6));
        var fed = notify.Messages.Skip(ready).Count(m => m == "WATCHDOG=1");
        fed.Should().BeInRange(4, 7, "WATCHDOG=1 every half of the 1 s WATCHDOG_USEC");

        (await app.StopAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        await notify.WaitForAsync(m => m == "STOPPING=1", TimeSpan.FromSeconds(5));
    }

    /// <summary>A bound Unix datagram socket collecting every notify assignment (one per line of each datagram).</summary>
    private sealed class NotifySocket : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly List<string> _messages = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _receive;

        public NotifySocket()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fn-notify-{Guid.NewGuid():N}.sock");
            _socket.Bind(new UnixDomainSocketEndPoint(Path));
            _receive = Task.Run(ReceiveAsync);
        }

        public string Path { get; }

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages) return [.. _messages];
            }
        }

        public int Count
        {
            get
            {
                lock (_messages) return _messages.Count;
            }
        }

        public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (Messages.FirstOrDefault(match) is { } seen) return seen;
                if (clock.Elapsed > timeout)
                    throw new TimeoutException($"no such notify message within {timeout.TotalSeconds:0} s; got: {string.Join(" | ", Messages)}");
                await Task.Delay(50);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
            try
            {
                _receive.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
                // The socket was closed under the receive.
            }

            File.Delete(Path);
            _stop.Dispose();
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[4096];
            while (!_stop.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                var lines = Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                lock (_messages) _messages.AddRange(lines);
            }
        }
    }
}
