using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>Reads the copied vectors (Findings/Vectors, copied to the output directory) as GuardDuty findings are read: dates left as text.</summary>
internal static class VectorFiles
{
    public const string Recon = "01_getfindings_response_recon_iamuser_accesskey_awscli_example";
    public const string Discovery = "02_finding_discovery_iamuser_anomalous_accesskey_app_payload_sample";
    public const string S3WithInstance = "03_finding_s3_maliciousipcaller_with_instance_and_accesskey_app_test_fixture";
    public const string PortProbe = "04_finding_ec2_port_probe_generated_sample";
    /// <summary>Hand-written from the model: an IAM credential-compromise attack sequence as GetFindings sends it (wire form).</summary>
    public const string IamSequenceWire = "05_attack_sequence_iam_compromised_credentials_wire";
    /// <summary>Hand-written from the model: an S3 data-compromise attack sequence in boto3's shape.</summary>
    public const string S3SequenceBoto = "06_attack_sequence_s3_compromised_data_boto3";

    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Findings", "Vectors");

    /// <summary>The sample finding; a GetFindings response gives its first finding.</summary>
    public static JObject Sample(string name)
    {
        var root = Read(name + ".json");
        return root["Findings"] is JArray findings ? (JObject)findings[0] : root;
    }

    public static JObject Expected(string name) => Read(name + ".expected.json");

    public static JObject Parse(string json) => Load(new JsonTextReader(new StringReader(json)));

    private static JObject Read(string file)
    {
        using var reader = new JsonTextReader(File.OpenText(Path.Combine(Directory, file)));
        return Load(reader);
    }

    private static JObject Load(JsonTextReader reader)
    {
        reader.DateParseHandling = DateParseHandling.None;
        reader.FloatParseHandling = FloatParseHandling.Double;
        return JObject.Load(reader);
    }
}
