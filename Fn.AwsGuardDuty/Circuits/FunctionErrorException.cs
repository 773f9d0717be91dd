namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// A failure the handler reports on purpose (resilient-circuits' FunctionError): the error reply carries just this
/// message, without the "ERROR:" prefix of unexpected exceptions.
/// </summary>
public class FunctionErrorException(string message, Exception? inner = null) : Exception(message, inner);
