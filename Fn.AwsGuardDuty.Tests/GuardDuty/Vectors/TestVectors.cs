using System.Runtime.CompilerServices;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Vectors;

/// <summary>Reads the vectors copied next to this file (found through the source path, so no copy-to-output is needed).</summary>
internal static class TestVectors
{
    public static string Directory([CallerFilePath] string thisFile = "") => System.IO.Path.GetDirectoryName(thisFile)!;

    public static string Text(string name) => File.ReadAllText(System.IO.Path.Combine(Directory(), name));

    public static JObject Json(string name) => (JObject)WireJson.Parse(Text(name));

    public static IEnumerable<string> SampleFindingFiles() =>
        System.IO.Directory.GetFiles(Directory(), "0*.json").Select(System.IO.Path.GetFileName).OfType<string>().Order();

    /// <summary>The PascalCase findings of a sample (sample 01 is a whole GetFindings response).</summary>
    public static IReadOnlyList<JObject> SampleFindings(string name)
    {
        var json = Json(name);
        return json["Findings"] is JArray findings ? findings.OfType<JObject>().ToList() : [json];
    }
}
