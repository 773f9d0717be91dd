using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// The app.config of a <see cref="World"/>: its two sections as key = value pairs, filled with what the world started
/// (endpoints, credentials, CA, folders). A test or scenario changes, adds or removes keys before it is written; the app
/// then reads the file with its own loader, in this process or as a child.
/// </summary>
public sealed class WorldConfig
{
    public Dictionary<string, string> Resilient { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> GuardDuty { get; } = new(StringComparer.Ordinal);

    /// <summary>Comment lines written above the sections.</summary>
    public string? Header { get; set; }

    /// <summary>Lines such as <c>key = value</c>, one a line, into <paramref name="section"/> (the last value of a key wins).</summary>
    public static void AddLines(Dictionary<string, string> section, string lines)
    {
        ArgumentNullException.ThrowIfNull(section);
        foreach (var line in (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new ArgumentException($"not a key = value line: {line}", nameof(lines));
            section[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        if (Header is { } header)
            text.Append(header.TrimEnd()).Append("\n\n");
        text.Append("[resilient]\n");
        foreach (var (key, value) in Resilient)
            text.Append(key).Append(" = ").Append(value).Append('\n');
        text.Append("\n[fn_aws_guardduty]\n");
        foreach (var (key, value) in GuardDuty)
            text.Append(key).Append(" = ").Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes the file readable by the owner only, as the README asks of an app.config with secrets.</summary>
    public string WriteTo(string path)
    {
        File.WriteAllText(path, Render());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
