namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// How <c>run</c> ended: a part that must stop the process (the broker refused the function queue) records the one
/// line to report here before it stops the host, and <c>run</c> exits 1 with it. The first failure wins.
/// </summary>
public sealed class RunOutcome
{
    private string? _failure;

    /// <summary>Null while nothing fatal happened.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    public void Fail(string oneLine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oneLine);
        Interlocked.CompareExchange(ref _failure, oneLine, null);
    }
}
