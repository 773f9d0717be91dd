namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>One delivery of a message to a subscription in a client ack mode, awaiting its ACK under <see cref="AckId"/>.</summary>
internal sealed record BrokerDelivery(BrokerMessage Message, BrokerSubscription Subscription, string AckId, long Order);
