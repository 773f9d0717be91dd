namespace Fn.AwsGuardDuty.Push;

/// <summary>What a <see cref="IPushHandler"/> reports for one event.</summary>
public enum PushOutcome
{
    /// <summary>SOAR accepted everything asked of it, or nothing needed asking (filtered out, already known): delete the message.</summary>
    Done,

    /// <summary>Not done (SOAR unreachable, refused, ...): leave the message; it comes back after its visibility timeout.</summary>
    Retry,
}
