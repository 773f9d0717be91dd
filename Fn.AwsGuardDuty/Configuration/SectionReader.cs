using System.Globalization;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Reads typed values from one section, after environment substitution. A value that does not parse is added
/// to the problem list (naming the section and key) and read as absent, so every problem is reported at once.
/// Empty values count as absent. Values of secret keys never appear in a problem message.
/// </summary>
internal sealed class SectionReader
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private readonly IniDocument _document;
    private readonly AppEnvironment _environment;
    private readonly string _baseDirectory;
    private readonly List<ConfigProblem> _problems;

    public SectionReader(IniDocument document, string section, AppEnvironment environment, string baseDirectory, List<ConfigProblem> problems)
    {
        _document = document;
        Section = section;
        _environment = environment;
        _baseDirectory = baseDirectory;
        _problems = problems;
    }

    public string Section { get; }

    /// <summary>The trimmed value, or null when absent or empty.</summary>
    public string? String(string key) => Raw(key) is { Length: > 0 } value ? value : null;

    /// <summary>The value of the environment variable when set, else the key's value (resilient-circuits' overrides).</summary>
    public string? String(string key, string environmentOverride) => _environment.Get(environmentOverride)?.Trim() is { Length: > 0 } v ? v : String(key);

    public SecretValue? Secret(string key) => String(key) is { } value ? new SecretValue(value) : null;

    public int? Int(string key, string? environmentOverride = null)
    {
        var text = environmentOverride is null ? String(key) : String(key, environmentOverride);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Fail(key, text, "is not a whole number");
        return null;
    }

    public long? Long(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Fail(key, text, "is not a whole number");
        return null;
    }

    public double? Double(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Fail(key, text, "is not a number");
        return null;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (BooleanParser.TryParse(text, out var value))
        {
            return value;
        }

        Fail(key, text, "is not a boolean (true/false, yes/no, 1/0)");
        return null;
    }

    /// <summary>A duration; a bare number is in <paramref name="bareUnit"/>.</summary>
    public TimeSpan? Duration(string key, TimeSpan bareUnit, string? environmentOverride = null)
    {
        var text = environmentOverride is null ? String(key) : String(key, environmentOverride);
        if (text is null)
        {
            return null;
        }

        if (DurationParser.TryParse(text, bareUnit, out var value))
        {
            return value;
        }

        var unitName = bareUnit == TimeSpan.FromMinutes(1) ? "minutes" : "seconds";
        Fail(key, text, $"is not a duration (a whole number of {unitName}, or with a unit: 30s, 5m, 1h)");
        return null;
    }

    /// <summary>A path with <c>~</c> expanded, made absolute against the folder of app.config.</summary>
    public string? Path(string key) => String(key) is { } text ? ResolvePath(text) : null;

    /// <summary>A path from an environment variable (a default the container image sets), resolved as in app.config.</summary>
    public string? EnvironmentPath(string variable) => _environment.Get(variable)?.Trim() is { Length: > 0 } text ? ResolvePath(text) : null;

    public string ResolvePath(string text)
    {
        if (text == "~")
        {
            return _environment.HomeDirectory;
        }

        if (text.StartsWith("~/", StringComparison.Ordinal) || text.StartsWith("~\\", StringComparison.Ordinal))
        {
            text = System.IO.Path.Combine(_environment.HomeDirectory, text[2..]);
        }

        return System.IO.Path.GetFullPath(text, _baseDirectory);
    }

    /// <summary>cafile semantics: absent = system roots, <c>false</c> = disabled, otherwise a PEM or DER CA file, read here once.</summary>
    public CaFileSetting? CaFile(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return CaFileSetting.Disabled;
        }

        var path = ResolvePath(text);
        if (!File.Exists(path))
        {
            _problems.Add(new ConfigProblem(Section, key, $"file not found: {path} (use a CA bundle path, or false to turn verification off)"));
            return null;
        }

        try
        {
            return CaFileSetting.FromBundle(CaBundle.Load(path));
        }
        catch (CaBundleException e)
        {
            _problems.Add(new ConfigProblem(Section, key, e.Message));
            return null;
        }
    }

    public ProxySetting? Proxy(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (ProxySetting.TryParse(text, out var proxy, out var error))
        {
            return proxy;
        }

        // A proxy URL may carry a password: never echo it.
        _problems.Add(new ConfigProblem(Section, key, error!));
        return null;
    }

    public Uri? Url(string key, string? environmentFallback = null)
    {
        var text = String(key) ?? (environmentFallback is null ? null : _environment.Get(environmentFallback));
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        var source = String(key) is null ? $" (from {environmentFallback})" : "";
        _problems.Add(new ConfigProblem(Section, key, $"'{text}'{source} is not an absolute http:// or https:// URL"));
        return null;
    }

    /// <summary>A regular expression, case-insensitive, with a match timeout.</summary>
    public Regex? Pattern(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        try
        {
            return new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException e)
        {
            _problems.Add(new ConfigProblem(Section, key, $"'{text}' is not a valid regular expression ({e.Message})"));
            return null;
        }
    }

    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, System.Enum
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var names = System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        if (names.Contains(text.ToLowerInvariant()) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        Fail(key, text, $"must be one of {string.Join(", ", names)}");
        return null;
    }

    public RegionFilter? Regions(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (RegionFilter.TryParse(text, out var filter, out var error))
        {
            return filter;
        }

        _problems.Add(new ConfigProblem(Section, key, error!));
        return null;
    }

    private string? Raw(string key) => _document.Get(Section, key)?.Trim();

    private void Fail(string key, string text, string what)
    {
        var shown = SecretKeyNames.IsSecret(key) ? "the value" : $"'{text}'";
        _problems.Add(new ConfigProblem(Section, key, $"{shown} {what}"));
    }
}
