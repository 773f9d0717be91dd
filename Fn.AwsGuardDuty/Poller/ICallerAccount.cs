namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// The AWS account whose detectors the poller reads: the first part of every checkpoint's key, so two sets of
/// credentials sharing one state folder never share a checkpoint.
/// </summary>
public interface ICallerAccount
{
    /// <summary>The 12-digit account id. Throws when it cannot be learned now; the poller tries again next cycle.</summary>
    Task<string> GetAccountIdAsync(CancellationToken cancellationToken);
}
