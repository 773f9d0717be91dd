namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>A STOMP transaction: ACK/NACKs and SENDs held back until COMMIT applies them together (ABORT drops them).</summary>
internal sealed class BrokerTransaction(string id)
{
    public string Id { get; } = id;

    public List<(string AckId, bool Nack)> Acknowledgements { get; } = [];

    public List<BrokerMessage> Messages { get; } = [];
}
