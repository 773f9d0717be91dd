using System.Reflection;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// The functions of the customization: every handler that the app's production registration
/// (<see cref="FunctionsRegistration.AddGuardDutyFunctions"/>) adds, in its order, each described by the
/// <see cref="ICustomizedFunction.Customization"/> it declares beside its code. All use the message destination
/// <see cref="Destination"/>.
/// </summary>
public static class FunctionCatalog
{
    public const string Destination = "fn_aws_gd";
    public const string DestinationUuid = "982c1bc0-69a7-4dc6-bee7-508470d51ee5";

    public const string ArchiveFinding = FunctionNames.ArchiveFinding;
    public const string RefreshFinding = FunctionNames.RefreshFinding;

    public static IReadOnlyList<FunctionDefinition> All { get; } = FromRegistration();

    public static FunctionDefinition Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new CustomizationException($"There is no function named '{name}'.");

    private static List<FunctionDefinition> FromRegistration()
    {
        var handlerTypes = new ServiceCollection().AddGuardDutyFunctions()
            .Where(d => d.ServiceType == typeof(IFunctionHandler))
            .Select(d => d.ImplementationType ?? throw new CustomizationException($"A function handler is registered without a type ({d})."));
        return handlerTypes.Select(Describe).ToList();
    }

    private static FunctionDefinition Describe(Type handler)
    {
        if (!handler.IsAssignableTo(typeof(ICustomizedFunction)))
            throw new CustomizationException($"{handler.Name} does not declare its customization ({nameof(ICustomizedFunction)}).");
        var customization = handler.GetProperty(nameof(ICustomizedFunction.Customization), BindingFlags.Public | BindingFlags.Static)
            ?.GetValue(null) as FunctionCustomization
            ?? throw new CustomizationException($"{handler.Name}.{nameof(ICustomizedFunction.Customization)} is not set.");
        var unknown = customization.Inputs.Where(i => FunctionInputs.All.All(f => f.Name != i)).ToList();
        if (unknown.Count > 0)
            throw new CustomizationException($"{handler.Name} names inputs that are not in {nameof(FunctionInputFields)}: {string.Join(", ", unknown)}.");
        return new FunctionDefinition(customization.Name, customization.DisplayName, customization.Description, customization.Inputs,
            customization.ReferenceUuid);
    }
}
