using System.Text;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Writes the complete, commented default app.config: every key of <see cref="ConfigKeyCatalog"/> with its
/// type, default and meaning. Keys with a default are written set to it; optional keys without one are
/// written commented out with an example. Secrets are environment references, never literal values.
/// The repository's app.config is this output (a test keeps them equal).
/// </summary>
public static class DefaultConfigWriter
{
    private const int WrapWidth = 100;

    public static string Write()
    {
        var b = new StringBuilder();
        foreach (var line in Header)
        {
            b.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        }

        foreach (var section in ConfigKeyCatalog.Sections)
        {
            b.Append('\n').Append('[').Append(section).Append("]\n");
            foreach (var key in ConfigKeyCatalog.InSection(section))
            {
                b.Append('\n').Append(KeyBlock(key, "\n"));
            }
        }

        return b.ToString();
    }

    /// <summary>The comment lines and the key line of one key, each ending with <paramref name="newline"/>.</summary>
    public static string KeyBlock(ConfigKey key, string newline)
    {
        var b = new StringBuilder();
        var text = $"{key.Description} Type: {key.Type}. Default: {key.Default}.";
        foreach (var line in Wrap(text, WrapWidth - 2))
        {
            b.Append("# ").Append(line).Append(newline);
        }

        b.Append(key.Commented ? "#" : "").Append(key.Name).Append(" = ").Append(key.Value).Append(newline);
        return b.ToString();
    }

    private static readonly string[] Header =
    [
        "fn-aws-guardduty configuration (app.config).",
        "Written by `fn-aws-guardduty config`; `fn-aws-guardduty config -u` adds keys missing from an existing file.",
        "",
        "INI syntax: `key = value` (only `=`, no continuation lines), comment lines start with # or ;, and a",
        "comment must be on its own line. One pair of double quotes around a value is removed (\"x\" reads as x).",
        "$NAME (whole value) and ${NAME} (anywhere) are replaced by environment variables; $$ is a literal $.",
        "Durations: a whole number with s, m or h (30s, 5m, 1h); a bare number is minutes in",
        "[fn_aws_guardduty] (as in IBM's app) and seconds in [resilient] and [integrations].",
        "Booleans: true/false, yes/no, 1/0. Lines starting with #key are optional keys you may turn on.",
        "A missing or bad value stops start-up with one line: app.config: [section] key: what is wrong.",
    ];

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
