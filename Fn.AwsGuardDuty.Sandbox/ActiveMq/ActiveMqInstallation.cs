namespace Fn.AwsGuardDuty.Sandbox.ActiveMq;

/// <summary>Where the Debian <c>activemq</c> package and the JDK tools live, and whether they are there.</summary>
public static class ActiveMqInstallation
{
    public const string ActiveMqHome = "/usr/share/activemq";
    public const string ActiveMqJar = ActiveMqHome + "/bin/activemq.jar";
    public const string Java = "/usr/bin/java";
    public const string Keytool = "/usr/bin/keytool";

    /// <summary>Null when ActiveMQ, java and keytool are all installed; otherwise one line saying what is missing.</summary>
    public static string? MissingReason()
    {
        var missing = new[] { ActiveMqJar, Java, Keytool }.Where(path => !File.Exists(path)).ToList();
        return missing.Count == 0
            ? null
            : $"ActiveMQ is not installed (missing {string.Join(", ", missing)}; apt-get install activemq)";
    }
}
