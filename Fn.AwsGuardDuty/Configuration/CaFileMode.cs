namespace Fn.AwsGuardDuty.Configuration;

/// <summary>How a TLS server certificate is verified.</summary>
public enum CaFileMode
{
    /// <summary>Against the system trust store (no cafile set).</summary>
    SystemRoots,

    /// <summary>Against the CA bundle in <see cref="CaFileSetting.Path"/>.</summary>
    File,

    /// <summary><c>cafile = false</c>: not verified (warned about at start-up).</summary>
    Disabled,
}
