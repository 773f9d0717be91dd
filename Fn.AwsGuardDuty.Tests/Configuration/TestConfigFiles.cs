using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary>A temporary folder with an app.config in it, and an environment of our own (no process variables).</summary>
internal sealed class TestConfigFiles : IDisposable
{
    public const string ApiKeySecret = "s3cr3t-API-key-value";
    public const string AwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public TestConfigFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fn-gd-cfg-" + Guid.NewGuid().ToString("N"));
        Home = Path.Combine(Directory, "home");
        Work = Path.Combine(Directory, "work");
        System.IO.Directory.CreateDirectory(Home);
        System.IO.Directory.CreateDirectory(Work);
    }

    public string Directory { get; }

    public string Home { get; }

    public string Work { get; }

    public Dictionary<string, string> Variables { get; } = new();

    /// <summary>App Host's protected-secrets folder for this environment (null: the real /etc/secrets).</summary>
    public string? SecretsDirectory { get; set; }

    public AppEnvironment Environment => AppEnvironment.FromDictionary(Variables, Work, Home, SecretsDirectory);

    /// <summary>A minimal valid app.config; <paramref name="resilientExtra"/> and <paramref name="guardDutyExtra"/> are appended to their sections.</summary>
    public static string Valid(string resilientExtra = "", string guardDutyExtra = "", string more = "") => $"""
        [resilient]
        host = soar.example.com
        org = Test Org
        api_key_id = key-id-1
        api_key_secret = {ApiKeySecret}
        {resilientExtra}

        [fn_aws_guardduty]
        aws_gd_master_region = us-east-1
        aws_gd_regions = ".*"
        {guardDutyExtra}
        {more}
        """;

    /// <summary>Writes <paramref name="text"/> to <c>work/app.config</c> (or <paramref name="relativePath"/>) and returns the path.</summary>
    public string Write(string text, string relativePath = "work/app.config")
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a real CA certificate (PEM, or DER when <paramref name="der"/>) and returns the path: cafile keys are read at load.</summary>
    public string WriteCa(string relativePath, bool der = false)
    {
        using var ca = Fn.AwsGuardDuty.Sandbox.Tls.LocalCertificateAuthority.Create("test config CA");
        var path = Write("", relativePath);
        if (der)
        {
            File.WriteAllBytes(path, ca.Certificate.RawData);
        }
        else
        {
            ca.WriteCertificatePem(path);
        }

        return path;
    }

    public AppConfig Load(string text) => AppConfigLoader.LoadFile(Write(text), Environment);

    /// <summary>The problems that loading <paramref name="text"/> reports.</summary>
    public IReadOnlyList<ConfigProblem> Problems(string text)
    {
        try
        {
            Load(text);
        }
        catch (ConfigurationException e)
        {
            return e.Problems;
        }

        throw new AssertionException("expected the configuration to be rejected");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
