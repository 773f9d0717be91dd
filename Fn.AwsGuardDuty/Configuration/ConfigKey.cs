namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// One documented app.config key, as the default config prints it.
/// </summary>
/// <param name="Section">Section name.</param>
/// <param name="Name">Key name.</param>
/// <param name="Type">What the value is, for the reader (string, int, bool, duration, path, regex, ...).</param>
/// <param name="Default">The default in words ("443", "none", "required").</param>
/// <param name="Description">What it means; one or more sentences, wrapped by the writer.</param>
/// <param name="Value">The value written into the default config.</param>
/// <param name="Commented">True: written as <c>#key = value</c>, an example the user may turn on.</param>
public sealed record ConfigKey(
    string Section,
    string Name,
    string Type,
    string Default,
    string Description,
    string Value,
    bool Commented)
{
    public bool IsSecret => SecretKeyNames.IsSecret(Name);

    public bool IsRequired => Default == ConfigKeyCatalog.Required;
}
