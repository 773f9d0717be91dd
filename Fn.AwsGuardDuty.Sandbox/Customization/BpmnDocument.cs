using System.Xml.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// A playbook's BPMN 2.0 content (guardduty-app.md §5.8): start event, the function's service task (with its input
/// script and result name), the local script task, end event, the flows between them and a diagram section.
/// </summary>
internal static class BpmnDocument
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace Resilient = "http://resilient.ibm.com/bpmn";

    private const string Start = "StartEvent_155asxm";
    private const string Service = "ServiceTask_1";
    private const string Script = "ScriptTask_2";
    private const string End = "EndPoint_3";

    public static string Build(PlaybookDefinition playbook, FunctionDefinition function)
    {
        var functionSettings = new JObject
        {
            ["inputs"] = new JObject(),
            ["pre_processing_script"] = playbook.InputScript ?? "",
            ["pre_processing_script_language"] = "python3",
            ["result_name"] = playbook.ResultName,
        }.ToString(Formatting.None);

        var process = new XElement(Bpmn + "process",
            new XAttribute("id", playbook.DeploymentId),
            new XAttribute("isExecutable", "true"),
            new XAttribute("name", playbook.DeploymentId),
            new XElement(Bpmn + "documentation", playbook.Description),
            new XElement(Bpmn + "startEvent", new XAttribute("id", Start), Outgoing(1)),
            new XElement(Bpmn + "serviceTask",
                new XAttribute("id", Service),
                new XAttribute("name", function.DisplayName),
                new XAttribute(Resilient + "type", "function"),
                new XElement(Bpmn + "extensionElements",
                    new XElement(Resilient + "function", new XAttribute("uuid", function.Uuid), functionSettings)),
                Incoming(1), Outgoing(2)),
            new XElement(Bpmn + "scriptTask",
                new XAttribute("id", Script),
                new XAttribute("name", playbook.ScriptName),
                new XElement(Bpmn + "extensionElements",
                    new XElement(Resilient + "script", new XAttribute("uuid", playbook.ScriptUuid))),
                Incoming(2), Outgoing(3)),
            new XElement(Bpmn + "endEvent", new XAttribute("id", End), new XAttribute(Resilient + "documentation", "End point"), Incoming(3)),
            Flow(1, Start, Service),
            Flow(2, Service, Script),
            Flow(3, Script, End));

        var plane = new XElement(BpmnDi + "BPMNPlane",
            new XAttribute("bpmnElement", playbook.DeploymentId),
            new XAttribute("id", "BPMNPlane_1"),
            Shape(Start, 642, 60, 150, 55),
            Shape(Service, 624, 180, 186, 82),
            Shape(Script, 624, 330, 186, 82),
            Shape(End, 650, 480, 133, 55),
            Edge(1, 717, 115, 717, 180),
            Edge(2, 717, 262, 717, 330),
            Edge(3, 717, 412, 717, 480));

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
