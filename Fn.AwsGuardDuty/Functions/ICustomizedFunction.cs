namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// A function handler that declares its own customization next to its code, so a new function needs no edit in the
/// export generator: the generator reads <see cref="Customization"/> from every handler the registration adds.
/// </summary>
public interface ICustomizedFunction
{
    static abstract FunctionCustomization Customization { get; }
}
