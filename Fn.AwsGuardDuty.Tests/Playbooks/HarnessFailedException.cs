namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>A playbook script raised in the harness (its traceback is the message).</summary>
internal sealed class HarnessFailedException(string message) : Exception(message);
