using System.Globalization;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// Reads and checks the GuardDuty functions' inputs before any AWS call. Every problem is an
/// <see cref="InputValidationException"/> naming the input, which the listener answers with an error reply.
/// Text is trimmed; blank text counts as missing.
/// </summary>
public static class GuardDutyInputs
{
    private const int EchoLimit = 80;

    /// <summary>Required text, trimmed.</summary>
    public static string RequiredText(this FunctionInputs inputs, string name) =>
        inputs.OptionalText(name) ?? throw Missing(name);

    /// <summary>
    /// Optional text, trimmed; null when absent or blank. A text-area value the framework left as
    /// <c>{"format","content"}</c> (it does so when the content is empty) is read as its content.
    /// </summary>
    public static string? OptionalText(this FunctionInputs inputs, string name)
    {
        var value = inputs.GetRaw(name) is JObject { } area && area["content"] is JValue content
            ? Convert.ToString(content.Value, CultureInfo.InvariantCulture)?.Trim()
            : inputs.GetString(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary><c>aws_gd_region</c>: a syntactically valid region name (e.g. <c>us-east-1</c>), checked before a client is built.</summary>
    public static string Region(this FunctionInputs inputs)
    {
        var region = inputs.RequiredText(InputNames.Region);
        return GuardDutyEndpoint.IsValidRegionName(region)
            ? region
            : throw Invalid(InputNames.Region, $"must be an AWS region name such as us-east-1, got '{Echo(region)}'");
    }

    /// <summary><c>aws_gd_detector_id</c>.</summary>
    public static string DetectorId(this FunctionInputs inputs) => inputs.RequiredId(InputNames.DetectorId);

    /// <summary>A required single id (detector, finding, IPSet, ThreatIntelSet): see <see cref="IdListParser.IsValidId"/>.</summary>
    public static string RequiredId(this FunctionInputs inputs, string name)
    {
        var id = inputs.RequiredText(name);
        return IdListParser.IsValidId(id)
            ? id
            : throw Invalid(name, $"must be one id (letters, digits, '-', '_', '.' or ':', at most {IdListParser.MaxIdLength} characters), got '{Echo(id)}'");
    }

    /// <summary>One or more ids (comma/whitespace separated text, a JSON array string, or a list input); at least one.</summary>
    public static IReadOnlyList<string> RequiredIdList(this FunctionInputs inputs, string name)
    {
        var raw = inputs.GetRaw(name);
        IReadOnlyList<string> ids;
        try
        {
            ids = raw switch
            {
                null => [],
                JArray array => IdListParser.Parse(array.Select(item => item is JValue { Value: not null } v
                    ? Convert.ToString(v.Value, CultureInfo.InvariantCulture)!
                    : throw new FormatException("the list holds a value that is not an id"))),
                JValue { Type: JTokenType.String } text => IdListParser.Parse((string?)text),
                JValue { Type: JTokenType.Integer } number => IdListParser.Parse(number.ToString(CultureInfo.InvariantCulture)),
                _ => throw new FormatException("must be text holding ids"),
            };
        }
        catch (FormatException e)
        {
            throw Invalid(name, e.Message);
        }

        return ids.Count > 0 ? ids : throw Missing(name);
    }

    /// <summary>A required boolean (false counts as given).</summary>
    public static bool RequiredBoolean(this FunctionInputs inputs, string name) => inputs.GetRequiredBoolean(name);

    /// <summary>An optional whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int? OptionalCount(this FunctionInputs inputs, string name, int min, int max)
    {
        var raw = inputs.GetRaw(name);
        if (raw is null)
            return null;
        if (raw is JValue { Type: JTokenType.String } s && string.IsNullOrWhiteSpace((string?)s))
            return null;
        long value;
        try
        {
            value = inputs.GetInt64(name) ?? 0;
        }
        catch (InputValidationException)
        {
            throw Invalid(name, $"must be a whole number from {min} to {max}, got '{Echo(raw.ToString())}'");
        }

        return value >= min && value <= max
            ? (int)value
            : throw Invalid(name, $"must be a whole number from {min} to {max}, got {value.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A required positive id number (e.g. <c>incident_id</c>).</summary>
    public static long RequiredPositiveNumber(this FunctionInputs inputs, string name)
    {
        var value = inputs.GetRequiredInt64(name);
        return value > 0 ? value : throw Invalid(name, $"must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
    }

    public static InputValidationException Missing(string name) => new(name, $"missing required input '{name}'");

    public static InputValidationException Invalid(string name, string problem) => new(name, $"input '{name}' {problem}");

    /// <summary>A value quoted back in an error message, cut short so a pasted document does not flood the reply.</summary>
    public static string Echo(string value) => value.Length <= EchoLimit ? value : value[..EchoLimit] + "…";
}
