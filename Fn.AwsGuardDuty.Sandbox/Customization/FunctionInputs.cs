using Fn.AwsGuardDuty.Functions;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>The function input fields of the customization: the app's <see cref="FunctionInputFields"/>, in its order.</summary>
public static class FunctionInputs
{
    public static IReadOnlyList<FunctionInputField> All => FunctionInputFields.All;

    public static FunctionInputField Get(string name) =>
        All.FirstOrDefault(i => i.Name == name) ?? throw new CustomizationException($"There is no function input field named '{name}'.");

    /// <summary>The field's uuid: IBM's where the reference gives it, otherwise one derived from its name.</summary>
    public static string Uuid(this FunctionInputField input) => input.ReferenceUuid ?? StableUuid.For("field/__function/" + input.Name);
}
