using System.Security.Cryptography;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Decrypts one App Host protected secret: a JWE in compact serialization (five dot-separated parts), through jose-jwt
/// (which uses .NET's AES-GCM). A signed-only JWS (three parts) is refused: a protected secret is always encrypted.
/// </summary>
public static class ProtectedSecretToken
{
    public static bool TryDecrypt(string token, byte[] key, out string value, out string problem)
    {
        value = "";
        problem = "";
        if (token.Split('.').Length != 5)
        {
            problem = "not a JWE compact token";
            return false;
        }

        try
        {
            value = Jose.JWT.Decode(token, key);
            return true;
        }
        catch (Exception e) when (e is Jose.JoseException or CryptographicException or ArgumentException or FormatException)
        {
            // jose-jwt's messages name the failure (wrong key, bad tag, unsupported algorithm), never the plaintext.
            problem = e.Message;
            return false;
        }
    }
}
