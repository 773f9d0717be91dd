using Fn.AwsGuardDuty.Cli.SelfTest;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>Selftest rows with a fixed outcome, standing in for the SOAR/STOMP/AWS checks other parts add.</summary>
internal sealed class FixedCheck(string name, SelfTestResult result) : ISelfTestCheck
{
    public string Name => name;

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(result);
}

internal sealed class ThrowingCheck(string message) : ISelfTestCheck
{
    public string Name => "Throws";

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(message);
}

internal sealed class HangingCheck : ISelfTestCheck
{
    public string Name => "Hangs";

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return SelfTestResult.Pass("never");
    }
}
