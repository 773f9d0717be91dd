using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.Ini;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Reads app.config into an <see cref="IniDocument"/> with the standard provider,
/// <see cref="IniStreamConfigurationProvider"/> from Microsoft.Extensions.Configuration.Ini, plus a thin layer for
/// what the provider does not give.
/// </summary>
/// <remarks>
/// What the provider does, and so what app.config accepts:
/// <list type="bullet">
/// <item>whole lines starting with <c>#</c>, <c>;</c> or <c>/</c> are comments (<c>a = b ; c</c> keeps <c>b ; c</c>);</item>
/// <item>only <c>key = value</c>, split at the first <c>=</c>; key and value are trimmed; no <c>%</c> interpolation;</item>
/// <item>one pair of surrounding double quotes is stripped from a value (<c>"x"</c> reads as <c>x</c>; fine for
///   <c>aws_gd_regions</c>, whose quotes the reference strips anyway; a secret that really starts and ends with
///   <c>"</c> needs an extra pair);</item>
/// <item>no <c>key: value</c> and no indented continuation lines, unlike Python's configparser;</item>
/// <item>a key repeated in a section (case-insensitive) or a line that is none of the above is an error,
///   reported without a line number by the provider.</item>
/// </list>
/// These differences from configparser are the accepted trade-off for using the standard provider; none of the
/// keys this app reads needs <c>:</c> or continuation lines.
/// The layer around it: UTF-8 is checked strictly first (the provider's reader would silently replace bad bytes),
/// keys are lower-cased, and the raw text is scanned for section headers only, because the provider flattens
/// everything into <c>section:key</c> and cannot tell the order of sections, sections without keys, a repeated
/// section (configparser strict mode rejects it, the provider merges it) or where a section name containing
/// <c>:</c> ends. Section names are case-sensitive, as in configparser.
/// </remarks>
public static partial class IniFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The provider's FormatException texts (its resources are English only). The unrecognised line is quoted
    // verbatim and may hold a secret, so it is never passed on; only its position is reported.
    [GeneratedRegex("^A duplicate key '(.*)' was found\\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DuplicateKeyMessage();

    [GeneratedRegex("^Unrecognized line format: '(.*)'\\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UnrecognizedLineMessage();

    /// <summary>Reads raw file bytes (UTF-8, BOM allowed).</summary>
    public static IniDocument Read(ReadOnlySpan<byte> bytes)
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

        return Read(text);
    }

    /// <summary>Reads INI text. Throws <see cref="ConfigurationException"/> naming the problem(s).</summary>
    public static IniDocument Read(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var data = ReadWithProvider(text);
        var problems = new List<ConfigProblem>();
        var document = new IniDocument();
        foreach (var name in ScanSectionNames(text, problems))
        {
            if (!document.TryAddSection(new IniSection(name)))
            {
                problems.Add(new ConfigProblem(name, null, "section appears twice"));
            }
        }

        // The provider's dictionary is filled in file order and never removed from, so it enumerates in file order.
        foreach (var (path, value) in data)
        {
            var section = SectionOf(path, document);
            var key = (section is null ? path : path[(section.Name.Length + 1)..]).ToLowerInvariant();
            if (section is null)
            {
                problems.Add(new ConfigProblem(null, key, "appears before any [section] header"));
            }
            else if (key.Length == 0)
            {
                problems.Add(new ConfigProblem(section.Name, null, "a key name is missing before the '='"));
            }
            else if (!section.TryAdd(new IniEntry(key, value ?? "")))
            {
                problems.Add(new ConfigProblem(section.Name, key, "key appears twice in the section"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return document;
    }

    private static IDictionary<string, string?> ReadWithProvider(string text)
    {
        using var stream = new MemoryStream(StrictUtf8.GetBytes(text), writable: false);
        try
        {
            return IniStreamConfigurationProvider.Read(stream);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException(ProblemFrom(e, text));
        }
    }

    private static ConfigProblem ProblemFrom(FormatException e, string text)
    {
        if (DuplicateKeyMessage().Match(e.Message) is { Success: true } duplicate)
        {
            // The path is "section:key"; the section is the longest header name that prefixes it.
            var path = duplicate.Groups[1].Value;
            var section = ScanSectionNames(text, [])
                .Where(name => path.StartsWith(name + ":", StringComparison.Ordinal))
                .MaxBy(name => name.Length);
            var key = (section is null ? path : path[(section.Length + 1)..]).ToLowerInvariant();
            return new ConfigProblem(section, key, "key appears twice in the section");
        }

        const string unrecognized = "a line is not 'key = value', a [section] header or a comment";
        if (UnrecognizedLineMessage().Match(e.Message) is { Success: true } line)
        {
            var number = SplitLines(text).IndexOf(line.Groups[1].Value);
            return new ConfigProblem(null, null, unrecognized, number >= 0 ? number + 1 : null);
        }

        return new ConfigProblem(null, null, unrecognized);
    }

    /// <summary>Section names from <c>[name]</c> header lines, in file order, recognised as the provider does.</summary>
    private static List<string> ScanSectionNames(string text, List<ConfigProblem> problems)
    {
        var names = new List<string>();
        foreach (var raw in SplitLines(text))
        {
            var line = raw.Trim();
            if (line.Length >= 2 && line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1].Trim();
                if (name.Length == 0)
                {
                    problems.Add(new ConfigProblem(null, null, "a section header must look like [name]"));
                    continue;
                }

                names.Add(name);
            }
        }

        return names;
    }

    private static IniSection? SectionOf(string path, IniDocument document) =>
        document.Sections.Where(s => path.StartsWith(s.Name + ":", StringComparison.Ordinal)).MaxBy(s => s.Name.Length);

    /// <summary>Splits at <c>\r\n</c>, <c>\n</c> or <c>\r</c>, as the provider's <see cref="StreamReader"/> does.</summary>
    private static List<string> SplitLines(string text) => [.. text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')];
}
