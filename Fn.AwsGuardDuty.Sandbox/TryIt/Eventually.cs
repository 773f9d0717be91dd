namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>Bounded waits for a condition that other parts (the app, the playbook runner) make true.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; after <paramref name="timeout"/> throws
    /// <see cref="TryItException"/>: "timed out after N s waiting until {expectation}; {seen}".
    /// </summary>
    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string expectation, Func<string> seen, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow >= deadline)
                throw new TryItException($"timed out after {timeout.TotalSeconds:0} s waiting until {expectation}; {seen()}");
            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
