using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// The account of the GuardDuty credentials, from STS GetCallerIdentity (at <c>aws_gd_sts_endpoint_url</c> when set).
/// Asked once: the answer is kept for the life of the process, a failure is not.
/// </summary>
public sealed class StsCallerAccount(GuardDutyClientFactory factory) : ICallerAccount
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _account;

    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _account) is { } known) return known;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_account is null)
            {
                var identity = await AwsCallerIdentity.GetAsync(factory, cancellationToken).ConfigureAwait(false);
                if (identity.Account.Length != 12 || !identity.Account.All(char.IsAsciiDigit))
                    throw new InvalidOperationException($"STS GetCallerIdentity answered account '{identity.Account}', which is not a 12-digit account id");
                Volatile.Write(ref _account, identity.Account);
            }

            return _account;
        }
        finally
        {
            _gate.Release();
        }
    }
}
