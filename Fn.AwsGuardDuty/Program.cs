using Fn.AwsGuardDuty.Cli;

// Verbs: run | selftest | customize | config, each with -c|--config PATH and --help (see Cli/).
// Services are composed in Cli/AppServices.cs; the host is built in Cli/AppHostBuilder.cs.
return await new CliApplication(CliContext.ForProcess()).RunAsync(args);
