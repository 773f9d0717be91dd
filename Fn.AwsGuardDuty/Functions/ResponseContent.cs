using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The success content of the newer functions (extensions.md §C): the operation's response as boto3 returns it,
/// <c>{"ResponseMetadata":{…}, &lt;members in PascalCase&gt;, "status":"ok"}</c>, converted from the wire by the
/// model-driven <see cref="FindingConverter"/> so nested shapes, kept map keys and timestamps follow boto3.
/// </summary>
public static class ResponseContent
{
    private static readonly FindingConverter Converter = new();

    /// <param name="wire">The wire (camelCase) response body.</param>
    /// <param name="responseShape">The model's output shape, e.g. <c>GetFilterResponse</c>.</param>
    public static JObject From(JObject wire, string responseShape)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var content = OkContent.Build();
        content.Remove("status");
        if (Converter.ToBoto(wire, responseShape) is JObject boto)
        {
            foreach (var member in boto.Properties())
                content[member.Name] = member.Value.DeepClone();
        }

        content["status"] = "ok";
        return content;
    }
}
