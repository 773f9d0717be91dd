namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// A secret read from app.config. <see cref="ToString"/> never shows it; call <see cref="Reveal"/> at the single
/// place that must send it (an Authorization header, a STOMP passcode, the SigV4 signer).
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private readonly string _value;

    public SecretValue(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    public string Reveal() => _value;

    public override string ToString() => "********";

    public bool Equals(SecretValue? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SecretValue);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
