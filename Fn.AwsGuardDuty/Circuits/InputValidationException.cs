namespace Fn.AwsGuardDuty.Circuits;

/// <summary>A function input is missing or has the wrong type. The message names the input.</summary>
public sealed class InputValidationException(string inputName, string message) : FunctionErrorException(message)
{
    public string InputName { get; } = inputName;
}
