using Fn.AwsGuardDuty.Circuits;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_gd_finding_types</c>: finding types such as <c>Recon:EC2/PortProbeUnprotectedPort</c>, separated by commas,
/// semicolons or whitespace; duplicates dropped. At most 50 (GuardDuty's limit for both uses), each 1–100 characters
/// of letters, digits and <c>: / . ! _ - &amp;</c> (as in <c>Backdoor:EC2/C&amp;CActivity.B!DNS</c>).
/// </summary>
public static class FindingTypeList
{
    public const int MaxTypes = 50;
    public const int MaxTypeLength = 100;

    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    /// <summary>The types of the input; empty when it is absent or blank.</summary>
    public static IReadOnlyList<string> Read(FunctionInputs inputs)
    {
        var text = inputs.OptionalText(InputNames.FindingTypes);
        if (text is null)
            return [];
        var types = new List<string>();
        foreach (var type in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (type.Length > MaxTypeLength || !type.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '/' or '.' or '!' or '_' or '-' or '&'))
            {
                throw GuardDutyInputs.Invalid(InputNames.FindingTypes,
                    $"holds '{GuardDutyInputs.Echo(type)}', which is not a finding type (e.g. Recon:EC2/PortProbeUnprotectedPort)");
            }

            if (!types.Contains(type, StringComparer.Ordinal))
                types.Add(type);
        }

        return types.Count <= MaxTypes
            ? types
            : throw GuardDutyInputs.Invalid(InputNames.FindingTypes, $"has {types.Count} types; GuardDuty accepts at most {MaxTypes}");
    }
}
