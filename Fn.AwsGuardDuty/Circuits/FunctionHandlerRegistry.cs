namespace Fn.AwsGuardDuty.Circuits;

/// <summary>The handlers this process serves, by function name. Built from DI's <c>IEnumerable&lt;IFunctionHandler&gt;</c>.</summary>
public sealed class FunctionHandlerRegistry
{
    private readonly Dictionary<string, IFunctionHandler> _handlers = new(StringComparer.Ordinal);

    public FunctionHandlerRegistry(IEnumerable<IFunctionHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            if (string.IsNullOrWhiteSpace(handler.Name))
            {
                throw new ArgumentException($"{handler.GetType().Name} has an empty function name", nameof(handlers));
            }

            if (!_handlers.TryAdd(handler.Name, handler))
            {
                throw new ArgumentException(
                    $"function '{handler.Name}' is registered twice ({_handlers[handler.Name].GetType().Name} and {handler.GetType().Name})",
                    nameof(handlers));
            }
        }
    }

    /// <summary>The served function names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    public bool TryGet(string name, out IFunctionHandler handler) => _handlers.TryGetValue(name, out handler!);
}
