namespace Fn.AwsGuardDuty.Soar;

/// <summary>
/// Closing an incident needs fields the close template does not give (checked before any PATCH, <see cref="FromServer"/> false),
/// or SOAR itself refused the close naming required fields (<see cref="FromServer"/> true).
/// </summary>
public sealed class SoarRequiredFieldsException : SoarException
{
    public SoarRequiredFieldsException(string message, IReadOnlyList<string> fields, bool fromServer)
        : base(message)
    {
        Fields = fields;
        FromServer = fromServer;
    }

    /// <summary>The api names of the fields that are required and missing.</summary>
    public IReadOnlyList<string> Fields { get; }

    public bool FromServer { get; }
}
