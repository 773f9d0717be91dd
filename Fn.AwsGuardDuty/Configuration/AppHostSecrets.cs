using System.Security.Cryptography;
using System.Text;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// IBM App Host's protected secrets, as IBM's resilient library reads them (resilient/app_config.py, helpers.py): only when
/// <c>APP_HOST_CONTAINER</c> is 1/true/yes/on, one file per secret in <c>/etc/secrets</c> named after the secret, whose
/// first line is a JWE compact token (App Host writes <c>alg: dir</c>, <c>enc: A256GCM</c>), decrypted with the JSON Web
/// Key in <c>/etc/secrets/.jwk/key.jwk</c>. A <c>$NAME</c> or <c>${NAME}</c> reference in app.config takes the secret
/// NAME when its file exists, else the environment variable NAME. Decrypted values are never logged or shown.
/// </summary>
public sealed class AppHostSecrets
{
    public const string DefaultDirectory = "/etc/secrets";
    public const string ContainerVariable = "APP_HOST_CONTAINER";

    /// <summary>The key file, relative to the secrets folder.</summary>
    public static readonly string KeyFile = Path.Combine(".jwk", "key.jwk");

    private readonly string _directory;
    private readonly Lazy<(byte[]? Key, string? Problem)> _key;

    private AppHostSecrets(string directory)
    {
        _directory = directory;
        _key = new Lazy<(byte[]?, string?)>(ReadKey);
    }

    /// <summary>The store when running on App Host (<c>APP_HOST_CONTAINER</c> true), else null: no secret files are read.</summary>
    public static AppHostSecrets? For(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return IsAppHost(environment) ? new AppHostSecrets(environment.SecretsDirectory) : null;
    }

    /// <summary>IBM's str_to_bool: 1, true, yes or on, case-insensitive.</summary>
    public static bool IsAppHost(AppEnvironment environment) =>
        environment.Get(ContainerVariable)?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    /// <summary>
    /// The secret <paramref name="name"/>: its value, or (null, null) when there is no such file, or (null, why) when the
    /// file is there but cannot be read or decrypted. The reason never carries the value.
    /// </summary>
    public (string? Value, string? Problem) Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = Path.Combine(_directory, name);
        if (name.Contains('/') || name.Contains('\\') || name.StartsWith('.') || !File.Exists(path))
        {
            return (null, null);
        }

        string token;
        try
        {
            // As IBM: the first line, without its line ending.
            using var reader = new StreamReader(path, Encoding.UTF8);
            token = reader.ReadLine()?.Trim() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the protected secret file {path} cannot be read ({e.Message})");
        }

        if (token.Length == 0)
        {
            return (null, $"the protected secret file {path} is empty or corrupt");
        }

        var (key, keyProblem) = _key.Value;
        if (key is null)
        {
            return (null, keyProblem);
        }

        return ProtectedSecretToken.TryDecrypt(token, key, out var value, out var why)
            ? (value, null)
            : (null, $"the protected secret {name} cannot be decrypted with {Path.Combine(_directory, KeyFile)} ({why})");
    }

    private (byte[]? Key, string? Problem) ReadKey()
    {
        var path = Path.Combine(_directory, KeyFile);
        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the App Host secrets key {path} cannot be read ({e.Message})");
        }

        try
        {
            var jwk = Jose.Jwk.FromJson(json, Jose.JWT.DefaultSettings.JsonMapper);
            if (jwk.Kty != Jose.Jwk.KeyTypes.OCT || jwk.OctKey() is not { Length: > 0 } key)
            {
                return (null, $"the App Host secrets key {path} is not a symmetric (kty \"oct\") JSON Web Key");
            }

            return (key, null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or CryptographicException
                                       or Newtonsoft.Json.JsonException or System.Text.Json.JsonException or Jose.JoseException)
        {
            return (null, $"the App Host secrets key {path} is not a JSON Web Key ({e.GetType().Name})");
        }
    }
}
