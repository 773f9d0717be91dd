using System.Net.Sockets;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>The "Metrics port" row (only when <c>aws_gd_metrics_listen</c> is set): the address can be bound now, so <c>run</c> can serve /metrics, /healthz and /readyz there.</summary>
public sealed class MetricsPortSelfTestCheck(ListenAddress address) : ISelfTestCheck
{
    public const string CheckName = "Metrics port";

    public string Name => CheckName;

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(address.EndPoint);
            socket.Listen();
            return Task.FromResult(SelfTestResult.Pass($"{address} is free ({MetricsListenReader.Key})"));
        }
        catch (SocketException e)
        {
            return Task.FromResult(SelfTestResult.Fail($"{address} cannot be bound: {e.Message}",
                e.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? $"Another process listens there (if it is fn-aws-guardduty itself, running, this is expected). Otherwise free the port or change {MetricsListenReader.Key}."
                    : $"Use an address of this machine in {MetricsListenReader.Key} (127.0.0.1 for this host only, * for every interface)."));
        }
    }
}
