namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>A step of the try-it command failed: the message says which, what was expected and what was seen.</summary>
public sealed class TryItException(string message) : Exception(message);
