namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>An AppRole the emulator accepts: its role_id and one valid secret_id, and the KV mounts its tokens may read.</summary>
public sealed record VaultAppRole(string RoleId, string SecretId, IReadOnlyList<string>? Mounts = null);
