using System.Text;
using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// <c>config -u</c>: adds the keys of <see cref="ConfigKeyCatalog"/> that an existing app.config lacks, each
/// with its comment block, at the end of its section (or in a new section at the end of the file). Every
/// existing line stays byte for byte as it was, including line endings and a BOM. A key counts as present
/// when it is set or commented out (<c>#key = ...</c>), so a key the user turned off is not added again.
/// </summary>
public static partial class ConfigFileUpdater
{
    [GeneratedRegex("^\\s*\\[(?<name>[^\\]]+)\\]\\s*$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex("^\\s*[#;]?\\s*(?<key>[A-Za-z0-9_.-]+)\\s*[=:]")]
    private static partial Regex KeyLine();

    /// <summary>The updated text and the keys added, as "[section] key".</summary>
    public static (string Text, IReadOnlyList<string> Added) Update(string existing)
    {
        var newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = SplitKeepingEndings(existing);
        var sections = ScanSections(lines);
        var inserts = new SortedDictionary<int, StringBuilder>();
        var appended = new StringBuilder();
        var added = new List<string>();

        foreach (var sectionName in ConfigKeyCatalog.Sections)
        {
            var missing = ConfigKeyCatalog.InSection(sectionName)
                .Where(k => !sections.TryGetValue(sectionName, out var s) || !s.Keys.Contains(k.Name))
                .ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var block = new StringBuilder();
            foreach (var key in missing)
            {
                block.Append(newline).Append(DefaultConfigWriter.KeyBlock(key, newline));
                added.Add($"[{sectionName}] {key.Name}");
            }

            if (sections.TryGetValue(sectionName, out var found))
            {
                if (!inserts.TryGetValue(found.InsertAfterLine, out var at))
                {
                    inserts[found.InsertAfterLine] = at = new StringBuilder();
                }

                at.Append(block);
            }
            else
            {
                appended.Append(newline).Append('[').Append(sectionName).Append(']').Append(newline).Append(block);
            }
        }

        if (added.Count == 0)
        {
            return (existing, added);
        }

        var result = new StringBuilder(existing.Length + 4096);
        for (var i = 0; i < lines.Count; i++)
        {
            result.Append(lines[i]);
            if (inserts.TryGetValue(i, out var block))
            {
                if (!lines[i].EndsWith('\n'))
                {
                    result.Append(newline);
                }

                result.Append(block);
            }
        }

        if (appended.Length > 0)
        {
            if (result.Length > 0 && result[^1] != '\n')
            {
                result.Append(newline);
            }

            result.Append(appended);
        }

        return (result.ToString(), added);
    }

    /// <summary>Owner read and write only: app.config holds secrets.</summary>
    public const UnixFileMode SecretFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Updates the file in place (atomically: temp file, then rename) and returns the keys added. The file ends up 0600,
    /// or with its old mode where that is stricter; the temp file is created 0600 and never left behind.
    /// </summary>
    public static IReadOnlyList<string> UpdateFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = Encoding.UTF8.Preamble.ToArray();
        var hasBom = bytes.AsSpan().StartsWith(bom);
        var text = new UTF8Encoding(false, true).GetString(bytes, hasBom ? bom.Length : 0, bytes.Length - (hasBom ? bom.Length : 0));
        var (updated, added) = Update(text);
        if (added.Count == 0)
        {
            return added;
        }

        var mode = OperatingSystem.IsWindows() ? SecretFileMode : File.GetUnixFileMode(path) & SecretFileMode;
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = SecretFileMode;
            }

            using (var stream = new FileStream(temp, options))
            {
                if (hasBom)
                {
                    stream.Write(bom);
                }

                stream.Write(Encoding.UTF8.GetBytes(updated));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // UnixCreateMode is masked by the umask; set the mode itself (the old one where it is stricter).
                File.SetUnixFileMode(temp, mode);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return added;
    }

    private static List<string> SplitKeepingEndings(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    private static Dictionary<string, SectionScan> ScanSections(List<string> lines)
    {
        var sections = new Dictionary<string, SectionScan>(StringComparer.Ordinal);
        SectionScan? current = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd('\r', '\n');
            var header = SectionHeader().Match(line);
            if (header.Success)
            {
                var name = header.Groups["name"].Value.Trim();
                current = sections.TryGetValue(name, out var again) ? again : sections[name] = new SectionScan(i);
                continue;
            }

            if (current is null || line.Trim().Length == 0)
            {
                continue;
            }

            var key = KeyLine().Match(line);
            if (key.Success)
            {
                current.Keys.Add(key.Groups["key"].Value.ToLowerInvariant());
            }

            var isComment = line.TrimStart().StartsWith('#') || line.TrimStart().StartsWith(';');
            if (!isComment || key.Success)
            {
                current.InsertAfterLine = i;
            }
        }

        return sections;
    }

    private sealed class SectionScan(int headerLine)
    {
        public HashSet<string> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int InsertAfterLine { get; set; } = headerLine;
    }
}
