using Spectre.Console;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>A Spectre console writing plain text (no colours, no animation) to a buffer the test reads.</summary>
internal sealed class TestConsole
{
    private readonly StringWriter _buffer = new();

    public TestConsole()
    {
        var writer = TextWriter.Synchronized(_buffer);
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        Console.Profile.Width = 160;
    }

    public IAnsiConsole Console { get; }

    public string Text
    {
        get
        {
            lock (_buffer)
                return _buffer.ToString();
        }
    }
}
