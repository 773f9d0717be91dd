namespace Fn.AwsGuardDuty.Configuration;

/// <summary>One <c>key = value</c> of an INI section. The key is lower-cased.</summary>
public sealed record IniEntry(string Key, string Value);
