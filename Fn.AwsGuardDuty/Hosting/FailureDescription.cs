namespace Fn.AwsGuardDuty.Hosting;

/// <summary>A start-up or selftest failure in words: what went wrong, and what to fix. Never holds a secret.</summary>
public sealed record FailureDescription(string Message, string Hint)
{
    /// <summary>The one line <c>run</c> prints: the problem, then what to fix.</summary>
    public string OneLine => $"{Message.TrimEnd('.')}: {Hint}";
}
