using Fn.AwsGuardDuty.Logging;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>Runs the checks one after another, each within the timeout; a throw or a timeout is a failure.</summary>
public sealed class SelfTestRunner
{
    private readonly TimeSpan _timeout;
    private readonly SecretRedactor _redactor;

    public SelfTestRunner(TimeSpan timeout, SecretRedactor redactor)
    {
        _timeout = timeout;
        _redactor = redactor;
    }

    public async Task<IReadOnlyList<SelfTestRow>> RunAsync(IEnumerable<ISelfTestCheck> checks, CancellationToken cancellationToken)
    {
        var rows = new List<SelfTestRow>();
        foreach (var check in checks)
        {
            rows.Add(new SelfTestRow(check.Name, await RunOneAsync(check, cancellationToken).ConfigureAwait(false)));
        }

        return rows;
    }

    private async Task<SelfTestResult> RunOneAsync(ISelfTestCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var result = await check.RunAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            return result with { Message = _redactor.Redact(result.Message), Hint = result.Hint is null ? null : _redactor.Redact(result.Hint) };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return SelfTestResult.Fail($"timed out after {_timeout.TotalSeconds:0.#} s", "Raise selftest_timeout in [resilient], or check the network path.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return SelfTestResult.Fail(_redactor.Redact($"{e.GetType().Name}: {e.Message}"));
        }
    }
}
