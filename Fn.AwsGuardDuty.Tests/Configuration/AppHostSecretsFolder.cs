using System.Security.Cryptography;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary>
/// A protected-secrets folder laid out as App Host mounts it at /etc/secrets: one file per secret, named after it, holding
/// a JWE compact token (alg dir, enc A256GCM) and a newline; the JSON Web Key in .jwk/key.jwk.
/// </summary>
internal sealed class AppHostSecretsFolder
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public AppHostSecretsFolder(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, ".jwk"));
        WriteKey(_key);
    }

    public string Directory { get; }

    public string KeyPath => Path.Combine(Directory, AppHostSecrets.KeyFile);

    /// <summary>Encrypts <paramref name="value"/> with the folder's key, as App Host does, into the file <paramref name="name"/>.</summary>
    public void Add(string name, string value, byte[]? key = null) =>
        File.WriteAllText(Path.Combine(Directory, name),
            Jose.JWT.Encode(value, key ?? _key, Jose.JweAlgorithm.DIR, Jose.JweEncryption.A256GCM) + "\n");

    /// <summary>Writes raw text as the secret file (a copy of IBM's fixture, or garbage).</summary>
    public void AddRaw(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

    public void WriteKey(byte[] key) => WriteKeyJson(
        $$"""{"kty":"oct","k":"{{Convert.ToBase64String(key).TrimEnd('=').Replace('+', '-').Replace('/', '_')}}","alg":"A256GCM"}""");

    public void WriteKeyJson(string json) => File.WriteAllText(KeyPath, json);
}
