namespace Fn.AwsGuardDuty.Circuits;

/// <summary>The broker refused the login or the function queue. Retrying cannot help; the operator must fix the API key's permissions.</summary>
public sealed class ListenerAuthorizationException(string destination, string brokerMessage, Exception? inner = null)
    : Exception($"the STOMP user is not allowed to use queue {destination} (the API key lacks permission or the login was refused): {brokerMessage}", inner)
{
    public string Destination { get; } = destination;

    public string BrokerMessage { get; } = brokerMessage;
}
