namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>The <c>bench</c> verb's command line: <c>[--quick] [--only NAME[,NAME]] [--out PATH] [--app PATH]</c>.</summary>
public sealed record BenchArguments
{
    public bool Quick { get; init; }

    /// <summary>Scenario names to run; empty means all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    public string OutPath { get; init; } = "bench-results.json";

    /// <summary>The <c>fn-aws-guardduty</c> executable to run; null means the one built next to the sandbox.</summary>
    public string? AppPath { get; init; }

    public bool Help { get; init; }

    public const string Usage = """
        usage: bench [--quick] [--only NAME[,NAME...]] [--out PATH] [--app PATH]
          --quick   a scaled-down set (1,000 findings, 3 s function runs), under a minute
          --only    run only these scenarios (escalation, round-trip, throughput, idle-rss, startup)
          --out     where to write the JSON results (default bench-results.json)
          --app     the fn-aws-guardduty executable (default: the one built beside the sandbox)
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with one clear line on a bad one.</summary>
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArguments();
        var only = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    parsed = parsed with { Quick = true };
                    break;
                case "--only":
                    only.AddRange(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--out":
                    parsed = parsed with { OutPath = Value(args, ref i) };
                    break;
                case "--app":
                    parsed = parsed with { AppPath = Value(args, ref i) };
                    break;
                case "-h" or "--help":
                    parsed = parsed with { Help = true };
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return parsed with { Only = only };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }

        return args[++i];
    }
}
