using System.Text;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// A small, strict INI reader with the semantics of Python's <c>configparser</c> as resilient-circuits uses it
/// (interpolation off, strict mode).
/// </summary>
/// <remarks>
/// Why not Microsoft.Extensions.Configuration.Ini: that provider strips surrounding double quotes from values
/// (a password or regex may legitimately start and end with a quote), accepts only <c>=</c> as the delimiter
/// (configparser also takes <c>:</c>), has no continuation lines, folds section and key names into a
/// colon-separated, case-insensitive path (a key containing <c>:</c> becomes nested), and reports errors without
/// a line number. IBM's app.config files are written for configparser, so we read them the same way:
/// <list type="bullet">
/// <item>a UTF-8 BOM is skipped; the text must be valid UTF-8;</item>
/// <item><c>#</c> and <c>;</c> start comment lines (only whole lines; <c>a = b ; c</c> keeps <c>b ; c</c>);</item>
/// <item><c>key = value</c> or <c>key: value</c>, split at the first delimiter; keys are lower-cased, values
///   trimmed and kept verbatim (no quote stripping, no <c>%</c> interpolation);</item>
/// <item>an indented line continues the previous value (joined with a newline); a blank line ends it;</item>
/// <item>section names are case-sensitive; a duplicate section or a duplicate key in a section is an error,
///   as is a key before the first section header or a line that is none of the above.</item>
/// </list>
/// </remarks>
public static class IniParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses raw file bytes (UTF-8, BOM allowed).</summary>
    public static IniDocument Parse(ReadOnlySpan<byte> bytes)
    {
        var bom = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(bom))
        {
            bytes = bytes[bom.Length..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigurationException(new ConfigProblem(null, null, "the file is not valid UTF-8 text"));
        }

        return Parse(text);
    }

    /// <summary>Parses INI text. Throws <see cref="ConfigurationException"/> listing every syntax problem.</summary>
    public static IniDocument Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var document = new IniDocument();
        var problems = new List<ConfigProblem>();
        IniSection? section = null;
        IniEntry? lastEntry = null;
        var lines = text.Split('\n');

        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.Trim();

            if (trimmed.Length == 0)
            {
                lastEntry = null;
                continue;
            }

            if (trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (char.IsWhiteSpace(raw[0]) && lastEntry is not null && section is not null)
            {
                lastEntry = lastEntry with { Value = lastEntry.Value.Length == 0 ? trimmed : lastEntry.Value + "\n" + trimmed };
                section.Replace(lastEntry);
                continue;
            }

            lastEntry = null;

            if (trimmed[0] == '[')
            {
                if (trimmed[^1] != ']' || trimmed.Length < 3)
                {
                    problems.Add(new ConfigProblem(null, null, "a section header must look like [name]", lineNumber));
                    section = null;
                    continue;
                }

                var name = trimmed[1..^1];
                var candidate = new IniSection(name, lineNumber);
                if (document.TryAddSection(candidate))
                {
                    section = candidate;
                }
                else
                {
                    problems.Add(new ConfigProblem(name, null,
                        $"section appears twice (lines {document.FindSection(name)!.Line} and {lineNumber})", null));
                    section = document.FindSection(name);
                }

                continue;
            }

            var delimiter = trimmed.IndexOfAny(['=', ':']);
            if (delimiter <= 0)
            {
                problems.Add(new ConfigProblem(section?.Name, null,
                    delimiter == 0 ? "a key name is missing before the '='" : "expected 'key = value', a [section] header or a comment",
                    lineNumber));
                continue;
            }

            var key = trimmed[..delimiter].Trim().ToLowerInvariant();
            var value = trimmed[(delimiter + 1)..].Trim();

            if (section is null)
            {
                problems.Add(new ConfigProblem(null, key, "appears before any [section] header", lineNumber));
                continue;
            }

            var entry = new IniEntry(key, value, lineNumber);
            if (section.TryAdd(entry))
            {
                lastEntry = entry;
            }
            else
            {
                problems.Add(new ConfigProblem(section.Name, key,
                    $"key appears twice in the section (lines {section.Find(key)!.Line} and {lineNumber})"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return document;
    }
}
