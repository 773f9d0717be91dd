using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>bench-results.json: when, where, how big, and every scenario's figures with their targets and pass flags.</summary>
public sealed class BenchResults(string mode, string command, DateTimeOffset date, MachineInfo machine, IReadOnlyList<ScenarioOutcome> scenarios)
{
    public const int SchemaVersion = 1;

    public IReadOnlyList<ScenarioOutcome> Scenarios => scenarios;

    /// <summary>Every scenario ran and every figure with a target met it.</summary>
    public bool AllPass => scenarios.Count > 0 && scenarios.All(s => s.AllPass);

    public bool AllRan => scenarios.All(s => s.Status == ScenarioStatus.Ran);

    public JObject ToJson()
    {
        var serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        });
        return new JObject
        {
            ["schema_version"] = SchemaVersion,
            ["mode"] = mode,
            ["command"] = command,
            ["date"] = date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["machine"] = new JObject
            {
                ["cores"] = machine.Cores,
                ["memory_mb"] = machine.MemoryMegabytes,
                ["cpu_model"] = machine.CpuModel,
                ["os"] = machine.Os,
                ["dotnet"] = machine.DotNet,
                ["load_average_at_start"] = machine.LoadAverage,
                ["git_commit"] = machine.GitCommit,
            },
            ["passed"] = AllPass,
            ["scenarios"] = new JArray(scenarios.Select(s => new JObject
            {
                ["name"] = s.Name,
                ["status"] = s.Status switch { ScenarioStatus.Ran => "ran", ScenarioStatus.NotRun => "not run", _ => "failed" },
                ["reason"] = s.Reason,
                ["elapsed_seconds"] = Math.Round(s.Elapsed.TotalSeconds, 1),
                ["figures"] = new JArray(s.Figures.Select(f => new JObject
                {
                    ["name"] = f.Name,
                    ["value"] = Math.Round(f.Value, 4),
                    ["unit"] = f.Unit,
                    ["target"] = f.Target is { } t ? new JObject { ["op"] = t.Operator, ["value"] = t.Threshold } : null,
                    ["target_text"] = f.Target?.Describe(f.Unit),
                    ["pass"] = f.Pass,
                    ["note"] = f.Note,
                })),
                ["details"] = JObject.FromObject(s.Details, serializer),
            })),
        };
    }

    public void Write(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, ToJson().ToString(Formatting.Indented) + "\n");
    }
}
