namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// One SOAR function. The framework owns messaging, replies and the results envelope; a handler reads its inputs
/// from the <see cref="FunctionCall"/> (typed accessors fail with a named error before any work) and returns the content.
/// Throw <see cref="FunctionErrorException"/> for a clean error reply; any other exception becomes "ERROR:\n\n&lt;message&gt;".
/// </summary>
public interface IFunctionHandler
{
    /// <summary>The SOAR function's api name (<c>function.name</c> in the message).</summary>
    string Name { get; }

    Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken);
}
