namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>Polls a condition until it holds or a deadline passes.</summary>
public static class Eventually
{
    public static async Task<bool> TryAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(25));
        }

        return true;
    }

    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        if (!await TryAsync(condition, timeout))
        {
            throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {describe()}");
        }
    }
}
