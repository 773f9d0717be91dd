namespace Fn.AwsGuardDuty.Configuration;

/// <summary>One <c>[section]</c> of an INI document: its entries in file order, looked up case-insensitively.</summary>
public sealed class IniSection
{
    private readonly List<IniEntry> _entries = [];
    private readonly Dictionary<string, IniEntry> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public IniSection(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<IniEntry> Entries => _entries;

    public IniEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    public bool Contains(string key) => _byKey.ContainsKey(key);

    internal bool TryAdd(IniEntry entry)
    {
        if (!_byKey.TryAdd(entry.Key, entry))
        {
            return false;
        }

        _entries.Add(entry);
        return true;
    }

    internal void Replace(IniEntry entry)
    {
        var index = _entries.FindIndex(e => string.Equals(e.Key, entry.Key, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new InvalidOperationException($"no key {entry.Key} in [{Name}]");
        }

        _entries[index] = entry;
        _byKey[entry.Key] = entry;
    }
}
