using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Tests.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>Runs the real command line in-process with captured output and a private environment.</summary>
internal sealed class CliHarness : IDisposable
{
    public TestConfigFiles Files { get; } = new();

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public CliApplication App => new(new CliContext
    {
        Out = Out,
        Error = Error,
        Environment = Files.Environment,
        ConfigureServices = ConfigureServices,
    });

    public async Task<int> RunAsync(params string[] args) => await App.RunAsync(args);

    public string[] ErrorLines => Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => Files.Dispose();
}
