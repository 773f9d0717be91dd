using System.Text;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>The body (a FunctionDataDTO, soar-protocol §3.2) and the context token of a function message as SOAR sends it.</summary>
public static class SoarFunctionMessage
{
    public static JObject Body(string functionName, long invocation, JObject inputs, SoarPlaybookContext? playbook = null)
    {
        var body = new JObject
        {
            ["function"] = new JObject
            {
                ["id"] = 3,
                ["name"] = functionName,
                ["display_name"] = functionName.Replace('_', ' '),
                ["description"] = null,
                ["creator"] = null,
                ["uuid"] = null,
                ["version"] = null,
                ["tags"] = new JArray(),
                ["view_items"] = new JArray(),
                ["workflows"] = new JArray(),
            },
            ["groups"] = new JArray(),
            ["inputs"] = inputs,
            ["playbook_instance"] = null,
            ["principal"] = new JObject { ["id"] = 1, ["type"] = "user", ["name"] = "admin@example.com", ["display_name"] = "Admin User" },
        };
        if (playbook is null)
        {
            var workflow = new JObject
            {
                ["workflow_id"] = 3,
                ["programmatic_name"] = "wf_aws_gd_test",
                ["name"] = "GuardDuty test workflow",
                ["object_type"] = new JObject { ["id"] = 0, ["name"] = "incident" },
                ["actions"] = new JArray(),
                ["description"] = null,
                ["tags"] = new JArray(),
                ["uuid"] = null,
            };
            body["workflow"] = workflow;
            body["workflow_instance"] = new JObject { ["workflow_instance_id"] = invocation, ["workflow"] = workflow.DeepClone() };
        }
        else
        {
            body["workflow"] = null;
            body["workflow_instance"] = null;
            body["playbook_instance"] = new JObject
            {
                ["playbook_instance_id"] = invocation,
                ["playbook"] = new JObject { ["name"] = playbook.PlaybookName, ["display_name"] = playbook.DisplayName },
                ["object"] = new JObject { ["type_name"] = "incident", ["id"] = playbook.IncidentId },
            };
        }

        return body;
    }

    /// <summary>A JWT-shaped <c>Co3ContextToken</c> naming the org and the invocation (the app never reads inside it).</summary>
    public static string ContextToken(int orgId, long invocation)
    {
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Segment("{\"typ\":\"JWT\",\"alg\":\"HS256\"}") + "." + Segment($"{{\"org\":{orgId},\"inv\":{invocation}}}") + ".sandbox";
    }
}
