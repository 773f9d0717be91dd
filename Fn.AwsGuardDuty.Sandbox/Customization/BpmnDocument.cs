using System.Xml.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// A playbook's BPMN 2.0 content (guardduty-app.md §5.8): start event, one service task per function call (with its
/// input script and result name), the local script task, end event, the flows between them and a diagram section.
/// </summary>
internal static class BpmnDocument
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace Resilient = "http://resilient.ibm.com/bpmn";

    private const string Start = "StartEvent_155asxm";
    private const int X = 717;

    public static string Build(PlaybookDefinition playbook)
    {
        var steps = playbook.Steps;
        var services = steps.Select((_, i) => $"ServiceTask_{i + 1}").ToList();
        var script = $"ScriptTask_{steps.Count + 1}";
        var end = $"EndPoint_{steps.Count + 2}";
        var chain = new List<string> { Start };
        chain.AddRange(services);
        chain.Add(script);
        chain.Add(end);

        var process = new XElement(Bpmn + "process",
            new XAttribute("id", playbook.DeploymentId),
            new XAttribute("isExecutable", "true"),
            new XAttribute("name", playbook.DeploymentId),
            new XElement(Bpmn + "documentation", playbook.Description),
            new XElement(Bpmn + "startEvent", new XAttribute("id", Start), Outgoing(1)));
        for (var i = 0; i < steps.Count; i++)
        {
            var function = FunctionCatalog.Get(steps[i].FunctionName);
            var functionSettings = new JObject
            {
                ["inputs"] = new JObject(),
                ["pre_processing_script"] = steps[i].InputScript ?? "",
                ["pre_processing_script_language"] = "python3",
                ["result_name"] = steps[i].ResultName,
            }.ToString(Formatting.None);
            process.Add(new XElement(Bpmn + "serviceTask",
                new XAttribute("id", services[i]),
                new XAttribute("name", function.DisplayName),
                new XAttribute(Resilient + "type", "function"),
                new XElement(Bpmn + "extensionElements",
                    new XElement(Resilient + "function", new XAttribute("uuid", function.Uuid), functionSettings)),
                Incoming(i + 1), Outgoing(i + 2)));
        }

        process.Add(
            new XElement(Bpmn + "scriptTask",
                new XAttribute("id", script),
                new XAttribute("name", playbook.ScriptName),
                new XElement(Bpmn + "extensionElements",
                    new XElement(Resilient + "script", new XAttribute("uuid", playbook.ScriptUuid))),
                Incoming(steps.Count + 1), Outgoing(steps.Count + 2)),
            new XElement(Bpmn + "endEvent", new XAttribute("id", end), new XAttribute(Resilient + "documentation", "End point"),
                Incoming(steps.Count + 2)));
        for (var flow = 1; flow < chain.Count; flow++)
            process.Add(Flow(flow, chain[flow - 1], chain[flow]));

        // One column, 150 apart: start, the service tasks, the script, the end.
        var plane = new XElement(BpmnDi + "BPMNPlane",
            new XAttribute("bpmnElement", playbook.DeploymentId),
            new XAttribute("id", "BPMNPlane_1"),
            Shape(Start, 642, 60, 150, 55));
        for (var i = 0; i <= steps.Count; i++)
            plane.Add(Shape(i < steps.Count ? services[i] : script, 624, 180 + (150 * i), 186, 82));
        var endY = 180 + (150 * (steps.Count + 1));
        plane.Add(Shape(end, 650, endY, 133, 55));
        plane.Add(Edge(1, X, 115, X, 180));
        for (var i = 0; i <= steps.Count; i++)
        {
            var bottom = 180 + (150 * i) + 82;
            plane.Add(Edge(i + 2, X, bottom, X, bottom + 68));
        }

        var definitions = new XElement(Bpmn + "definitions",
            new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi),
            new XAttribute(XNamespace.Xmlns + "omgdc", Dc),
            new XAttribute(XNamespace.Xmlns + "omgdi", Di),
            new XAttribute(XNamespace.Xmlns + "resilient", Resilient),
            new XAttribute("targetNamespace", "http://www.camunda.org/test"),
            process,
            new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", "BPMNDiagram_1"), plane));

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + definitions.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Incoming(int flow) => new(Bpmn + "incoming", $"Flow_{flow}");

    private static XElement Outgoing(int flow) => new(Bpmn + "outgoing", $"Flow_{flow}");

    private static XElement Flow(int flow, string source, string target) => new(Bpmn + "sequenceFlow",
        new XAttribute("id", $"Flow_{flow}"), new XAttribute("sourceRef", source), new XAttribute("targetRef", target));

    private static XElement Shape(string element, int x, int y, int width, int height) => new(BpmnDi + "BPMNShape",
        new XAttribute("bpmnElement", element), new XAttribute("id", element + "_di"),
        new XElement(Dc + "Bounds", new XAttribute("height", height), new XAttribute("width", width), new XAttribute("x", x), new XAttribute("y", y)));

    private static XElement Edge(int flow, int x1, int y1, int x2, int y2) => new(BpmnDi + "BPMNEdge",
        new XAttribute("bpmnElement", $"Flow_{flow}"), new XAttribute("id", $"Flow_{flow}_di"),
        new XElement(Di + "waypoint", new XAttribute("x", x1), new XAttribute("y", y1)),
        new XElement(Di + "waypoint", new XAttribute("x", x2), new XAttribute("y", y2)));
}
