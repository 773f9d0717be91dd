using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>Fixed values of the export, so regenerating it gives the same bytes.</summary>
internal static class ExportConstants
{
    /// <summary>export_date and the objects' created/modified times: 2025-01-01T00:00:00Z (fixed, never the build time).</summary>
    public const long Timestamp = 1_735_689_600_000L;

    public const string Author = "fn-aws-guardduty";

    public static JObject Principal() => new()
    {
        ["display_name"] = Author,
        ["id"] = 0,
        ["name"] = Author,
        ["type"] = "user",
    };

    public static JObject Text(string? content) => new() { ["content"] = content, ["format"] = "text" };

    /// <summary>The SOAR version the export declares: the seed document's minimum platform (51.0.0.0.9339).</summary>
    public static JObject ServerVersion() => new()
    {
        ["build_number"] = 9339,
        ["major"] = 51,
        ["minor"] = 0,
        ["version"] = "51.0.0.0.9339",
    };
}
