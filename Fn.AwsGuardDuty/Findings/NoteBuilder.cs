using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Writes the note: the reference's heading, then the finding as indented JSON (the reference writes a Python
/// repr; §8 #16). When the content is over <c>maxBytes</c> UTF-8 bytes, the JSON is cut at a character boundary
/// and a visible marker ends the note, saying how many bytes were cut, so the whole note stays within the limit.
/// </summary>
internal static class NoteBuilder
{
    private const string MarkerFormat = "\n... [note truncated: {0} bytes of the finding JSON were cut to keep the note within {1} bytes]";

    public static FindingNote Build(JObject finding, bool refresh, int maxBytes)
    {
        var heading = refresh ? NoteText.RefreshHeading : NoteText.CreationHeading;
        var json = finding.ToString(Formatting.Indented);
        var content = heading + json;
        var totalBytes = Encoding.UTF8.GetByteCount(content);
        if (totalBytes <= maxBytes)
            return new FindingNote(content, 0);

        var headingBytes = Encoding.UTF8.GetByteCount(heading);
        var jsonBytes = totalBytes - headingBytes;
        // The marker reports a number no larger than jsonBytes, so its longest form bounds the room it takes.
        var markerRoom = Encoding.UTF8.GetByteCount(Marker(jsonBytes, maxBytes));
        var kept = Utf8Prefix(json, Math.Max(0, maxBytes - headingBytes - markerRoom));
        var cut = jsonBytes - Encoding.UTF8.GetByteCount(kept);
        return new FindingNote(heading + kept + Marker(cut, maxBytes), cut);
    }

    private static string Marker(int cutBytes, int maxBytes) =>
        string.Format(CultureInfo.InvariantCulture, MarkerFormat, cutBytes, maxBytes);

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
    private static string Utf8Prefix(string text, int maxBytes)
    {
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var c = text[i];
            var charBytes = width == 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + charBytes > maxBytes)
                break;
            bytes += charBytes;
            i += width;
        }
        return text[..i];
    }
}
