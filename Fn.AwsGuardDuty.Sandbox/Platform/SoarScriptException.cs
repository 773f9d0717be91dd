namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>A playbook script's change that SOAR would refuse; nothing of that script run was applied.</summary>
public sealed class SoarScriptException(string message, Exception? inner = null) : Exception(message, inner);
