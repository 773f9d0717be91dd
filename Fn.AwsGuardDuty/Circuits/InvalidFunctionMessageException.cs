namespace Fn.AwsGuardDuty.Circuits;

/// <summary>A message on the function queue that cannot be run: not JSON, no function, no name, bad inputs.</summary>
public sealed class InvalidFunctionMessageException(string message) : Exception(message);
