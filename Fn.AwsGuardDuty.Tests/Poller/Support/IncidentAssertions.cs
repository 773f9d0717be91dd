using System.Globalization;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>Reads incident values of the SOAR emulator as text, for comparisons.</summary>
internal static class IncidentAssertions
{
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
