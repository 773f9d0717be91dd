namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// How ActiveMQ's STOMP transport names queues: <c>/queue/x</c> and a bare <c>x</c> are the same queue <c>x</c>
/// (a destination without a prefix defaults to a queue). MESSAGE frames always carry the <c>/queue/</c> form.
/// </summary>
public static class QueueName
{
    public const string Prefix = "/queue/";

    /// <summary>The queue's physical name, or an exception with the text the broker puts in its ERROR frame.</summary>
    public static string Parse(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var name = destination.StartsWith(Prefix, StringComparison.Ordinal) ? destination[Prefix.Length..] : destination;
        if (name.StartsWith('/'))
        {
            throw new BrokerProtocolException(
                $"Unsupported destination '{destination}': the sandbox broker has queues only (/queue/<name> or <name>)");
        }

        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '*' or '>' or ','))
        {
            throw new BrokerProtocolException($"Invalid destination name '{destination}'");
        }

        return name;
    }

    /// <summary>The <c>/queue/</c> form used in MESSAGE headers (destination, reply-to).</summary>
    public static string ToWire(string queue) => Prefix + queue;

    /// <summary>ActiveMQ's own notation, used in its security errors: <c>queue://actions.201.fn_aws_gd</c>.</summary>
    public static string ToUri(string queue) => "queue://" + queue;
}
