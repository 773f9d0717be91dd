namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>A Vault reference that cannot be resolved. The message says why, never a secret value.</summary>
public sealed class VaultException(string message, Exception? inner = null) : Exception(message, inner);
