using System.CommandLine;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>The command line: the verbs under one root, invoked with the context's streams.</summary>
public sealed class CliApplication
{
    private readonly CliContext _context;

    public CliApplication(CliContext context)
    {
        _context = context;
        Root = new RootCommand("fn-aws-guardduty: AWS GuardDuty integration for IBM QRadar SOAR.")
        {
            RunCommand.Create(context),
            SelftestCommand.Create(context),
            CustomizeCommand.Create(context),
            ConfigCommand.Create(context),
            HealthCommand.Create(context),
        };
    }

    public RootCommand Root { get; }

    /// <summary>Parses and runs. Cancelling the token stops <c>run</c> as SIGTERM would.</summary>
    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default) =>
        Root.Parse(args).InvokeAsync(new InvocationConfiguration
        {
            Output = _context.Out,
            Error = _context.Error,
            // The host's console lifetime owns SIGTERM/SIGINT: one shutdown path.
            ProcessTerminationTimeout = null,
        }, cancellationToken);
}
