using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>Bodies of the replies sent to <c>reply-to</c> (SOAR's ActionAcknowledgementDTO, soar-protocol §4.2).</summary>
public static class ActionReply
{
    public const int Info = 0;
    public const int Failure = 1;

    public static string Status(string text) => Serialize(new JObject
    {
        ["message_type"] = Info,
        ["message"] = text,
        ["complete"] = false,
    });

    public static string Completed(ResultEnvelope envelope) => Serialize(new JObject
    {
        ["message_type"] = Info,
        ["message"] = "Completed",
        ["complete"] = true,
        ["results"] = envelope.ToJson(),
    });

    /// <summary>A final error: the workflow/playbook fails with this message.</summary>
    public static string Error(string message) => Serialize(new JObject
    {
        ["message_type"] = Failure,
        ["message"] = message,
        ["complete"] = true,
    });

    /// <summary>An unexpected exception, worded as resilient-circuits does.</summary>
    public static string Exception(Exception exception) => Error("ERROR:\n\n" + exception.Message);

    private static string Serialize(JObject body) => body.ToString(Formatting.None);
}
