namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>ActiveMQ destination wildcards: <c>*</c> is one dot-separated segment, <c>&gt;</c> the remaining segments.</summary>
public static class QueuePattern
{
    public static bool Matches(string pattern, string queue)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(queue);
        var wanted = pattern.Split('.');
        var actual = queue.Split('.');
        for (var i = 0; i < wanted.Length; i++)
        {
            if (wanted[i] == ">")
            {
                return true;
            }

            if (i >= actual.Length || (wanted[i] != "*" && !string.Equals(wanted[i], actual[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return wanted.Length == actual.Length;
    }
}
