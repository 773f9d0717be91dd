using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// The incident note: a heading and the finding as indented JSON, truncated past the size limit.
/// <see cref="CutBytes"/> is how many UTF-8 bytes of the JSON were left out (0 when whole).
/// </summary>
public sealed record FindingNote(string Content, int CutBytes)
{
    public bool IsTruncated => CutBytes > 0;

    /// <summary><c>{"text":{"format":"text","content":…}}</c>: a comment of the create payload, or the body of POST /incidents/{id}/comments.</summary>
    public JObject ToJson() => new(new JProperty("text", new JObject(
        new JProperty("format", "text"),
        new JProperty("content", Content))));
}
