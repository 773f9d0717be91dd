using Fn.AwsGuardDuty.Cli;

// Verbs: run | selftest | customize | config, each with -c|--config PATH and --help (see Cli/).
// Program.cs → Cli/ (the verbs) → Hosting/ (the composition root: AppServices.AddFnAwsGuardDuty, AppHostBuilder).
return await new CliApplication(CliContext.ForProcess()).RunAsync(args);
