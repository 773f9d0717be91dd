namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>A playbook's local (post-processing) script, or a global script from <c>scripts[]</c>.</summary>
public sealed record SoarLocalScript(string Name, string Uuid, string Language, string ScriptText);
