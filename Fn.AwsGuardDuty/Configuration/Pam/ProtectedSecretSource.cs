namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// IBM's ProtectedSecretsManager (resilient/app_config.py): a name is looked up among App Host's protected secrets when
/// running on App Host, else (or when there is no such secret) in the environment. PAM plugins read their own settings
/// (PAM_ADDRESS, PAM_SECRET_ID…) through it.
/// </summary>
public sealed class ProtectedSecretSource
{
    private readonly AppHostSecrets? _appHost;
    private readonly AppEnvironment _environment;

    public ProtectedSecretSource(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _appHost = AppHostSecrets.For(environment);
    }

    /// <summary>The value (null when unset), or the reason a secret file that is there cannot be read. Never the value in a reason.</summary>
    public (string? Value, string? Problem) Get(string name)
    {
        if (_appHost?.Find(name) is { } found && (found.Value is not null || found.Problem is not null))
        {
            return found.Problem is not null ? (null, found.Problem) : (found.Value!.Trim().Length == 0 ? null : found.Value, null);
        }

        return (_environment.Get(name), null);
    }
}
