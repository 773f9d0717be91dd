namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// A parsed INI file. As in Python's configparser, the <c>[DEFAULT]</c> section supplies values that
/// every other section inherits unless it sets the key itself.
/// </summary>
public sealed class IniDocument
{
    public const string DefaultSectionName = "DEFAULT";

    private readonly List<IniSection> _sections = [];
    private readonly Dictionary<string, IniSection> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<IniSection> Sections => _sections;

    public IniSection? FindSection(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The entry for <paramref name="key"/> in <paramref name="section"/>, falling back to <c>[DEFAULT]</c>.</summary>
    public IniEntry? Find(string section, string key) =>
        FindSection(section)?.Find(key) ?? FindSection(DefaultSectionName)?.Find(key);

    /// <summary>The value of a key, or null when it is absent.</summary>
    public string? Get(string section, string key) => Find(section, key)?.Value;

    internal bool TryAddSection(IniSection section)
    {
        if (!_byName.TryAdd(section.Name, section))
        {
            return false;
        }

        _sections.Add(section);
        return true;
    }
}
