using System.Text;
using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Replaces environment references in app.config values, as resilient-circuits does:
/// <list type="bullet">
/// <item>a whole value <c>$NAME</c> is replaced by the variable <c>NAME</c>;</item>
/// <item><c>${NAME}</c> anywhere in a value (several allowed) is replaced by <c>NAME</c>;</item>
/// <item><c>$$</c> stands for a literal <c>$</c> (our addition, so a secret can start with <c>$</c>).</item>
/// </list>
/// An unresolved reference in a secret key is an error naming the key and the variable: the reference keeps
/// the literal text, which for a password would silently send the wrong secret. In any other key the literal
/// text stays (the reference behaviour) and a warning is logged at start-up.
/// On App Host, <c>NAME</c> is first looked up among the protected secrets (<see cref="AppHostSecrets"/>), as IBM's
/// ProtectedSecretsManager does; a value taken from there is added to the redaction list whatever its key is called.
/// A secret file that is there but cannot be decrypted is an error naming the key, never a silent fallback.
/// <c>^NAME</c> PAM references are <see cref="Pam.PamReferences"/>' job.
/// </summary>
public static partial class EnvironmentSubstitution
{
    [GeneratedRegex("^\\$([A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeValueReference();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    /// <summary>
    /// Substitutes every value of <paramref name="document"/> in place. Values that came from protected secret files are
    /// added to <paramref name="protectedValues"/> (for the log redaction layer).
    /// </summary>
    public static void Apply(IniDocument document, AppEnvironment environment, List<ConfigProblem> problems, List<string> warnings,
        List<string>? protectedValues = null)
    {
        var secrets = AppHostSecrets.For(environment);
        foreach (var section in document.Sections)
        {
            foreach (var entry in section.Entries.ToList())
            {
                var missing = new List<string>();
                var broken = new List<string>();
                var value = Substitute(entry.Value, name =>
                {
                    if (secrets?.Find(name) is { } found && (found.Value is not null || found.Problem is not null))
                    {
                        if (found.Problem is not null)
                        {
                            broken.Add(found.Problem);
                            return null;
                        }

                        protectedValues?.Add(found.Value!);
                        return found.Value;
                    }

                    return environment.Get(name);
                }, missing);
                foreach (var problem in broken)
                {
                    problems.Add(new ConfigProblem(section.Name, entry.Key, problem));
                }

                foreach (var name in missing.Where(_ => broken.Count == 0))
                {
                    if (SecretKeyNames.IsSecret(entry.Key))
                    {
                        problems.Add(new ConfigProblem(section.Name, entry.Key, secrets is null
                            ? $"refers to the environment variable {name}, which is not set"
                            : $"refers to {name}, which is neither an App Host protected secret nor an environment variable"));
                    }
                    else
                    {
                        warnings.Add($"{new ConfigProblem(section.Name, entry.Key, $"the environment variable {name} is not set; the text is kept as written")}");
                    }
                }

                if (!ReferenceEquals(value, entry.Value))
                {
                    section.Replace(entry with { Value = value });
                }
            }
        }
    }

    /// <summary>
    /// Returns the value with references replaced (the same instance when there is nothing to replace).
    /// Names of unset variables are added to <paramref name="missing"/>; their reference text is kept.
    /// </summary>
    public static string Substitute(string value, AppEnvironment environment, List<string> missing) =>
        Substitute(value, environment.Get, missing);

    /// <summary>As above, with <paramref name="lookup"/> giving each name's value (null when it has none).</summary>
    public static string Substitute(string value, Func<string, string?> lookup, List<string> missing)
    {
        if (!value.Contains('$'))
        {
            return value;
        }

        var whole = WholeValueReference().Match(value);
        if (whole.Success)
        {
            var name = whole.Groups[1].Value;
            var resolved = lookup(name);
            if (resolved is null)
            {
                missing.Add(name);
                return value;
            }

            return resolved;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '$' || i + 1 >= value.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = value[i + 1];
            if (next == '$')
            {
                builder.Append('$');
                i++;
                continue;
            }

            if (next == '{')
            {
                var close = value.IndexOf('}', i + 2);
                if (close > 0 && VariableName().IsMatch(value.AsSpan(i + 2, close - i - 2)))
                {
                    var name = value.Substring(i + 2, close - i - 2);
                    var resolved = lookup(name);
                    if (resolved is null)
                    {
                        missing.Add(name);
                        builder.Append(value, i, close - i + 1);
                    }
                    else
                    {
                        builder.Append(resolved);
                    }

                    i = close;
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
