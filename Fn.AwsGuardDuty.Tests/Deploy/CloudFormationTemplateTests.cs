using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Tests.Configuration;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Deploy;

/// <summary>
/// Reads deploy/aws's CloudFormation templates and checks their resources and how they are linked: the queue's redrive to
/// the dead-letter queue, the rule's pattern and FIFO target, the queue policy bound to the rule, the app's permissions.
/// </summary>
public class CloudFormationTemplateTests
{
    private static readonly string[] PseudoParameters = ["AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::NoValue", "AWS::StackName", "AWS::URLSuffix"];

    private JObject template = null!;
    private JObject forwarder = null!;

    [OneTimeSetUp]
    public void Load()
    {
        template = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "deploy", "aws", "guardduty-push.json")));
        forwarder = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "deploy", "aws", "guardduty-push-forwarder.json")));
    }

    [Test]
    public void It_holds_the_queue_its_dead_letter_queue_the_rule_the_queue_policy_and_the_app_policy()
    {
        Types(template).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["FindingsQueue"] = "AWS::SQS::Queue",
            ["DeadLetterQueue"] = "AWS::SQS::Queue",
            ["GuardDutyEventsRule"] = "AWS::Events::Rule",
            ["FindingsQueuePolicy"] = "AWS::SQS::QueuePolicy",
            ["AppPolicy"] = "AWS::IAM::ManagedPolicy",
        });
    }

    [Test]
    public void Both_queues_are_fifo_and_the_queue_redrives_to_the_dead_letter_queue()
    {
        var queue = Properties(template, "FindingsQueue");
        var dlq = Properties(template, "DeadLetterQueue");

        queue.Value<bool>("FifoQueue").Should().BeTrue();
        queue.Value<bool>("ContentBasedDeduplication").Should().BeTrue("EventBridge sends to a FIFO queue without a deduplication id");
        queue["QueueName"]!.Value<string>("Fn::Sub").Should().EndWith(".fifo");
        dlq.Value<bool>("FifoQueue").Should().BeTrue();
        dlq["QueueName"]!.Value<string>("Fn::Sub").Should().EndWith(".fifo");
        var redrive = (JObject)queue["RedrivePolicy"]!;
        GetAtt(redrive["deadLetterTargetArn"]).Should().Equal("DeadLetterQueue", "Arn");
        redrive["maxReceiveCount"]!.Value<string>("Ref").Should().Be("MaxReceiveCount");
        var maxReceive = (JObject)template["Parameters"]!["MaxReceiveCount"]!;
        maxReceive.Value<int>("Default").Should().Be(5);
        maxReceive.Value<int>("MinValue").Should().Be(1);
        maxReceive.Value<int>("MaxValue").Should().Be(1000);
    }

    [Test]
    public void The_rule_matches_both_detail_types_and_targets_the_queue_with_the_apps_message_group()
    {
        var rule = Properties(template, "GuardDutyEventsRule");

        Pattern(rule).Should().BeEquivalentTo((new[] { "aws.guardduty" }, new[] { PushEventTypes.FindingDetailType, PushEventTypes.MalwareScanDetailType }));
        rule.Value<string>("State").Should().Be("ENABLED");
        var target = rule["Targets"]!.Should().ContainSingle().Subject;
        GetAtt(target["Arn"]).Should().Equal("FindingsQueue", "Arn");
        target["SqsParameters"]!.Value<string>("MessageGroupId").Should().Be(PushEventTypes.MessageGroupId);
    }

    [Test]
    public void The_queue_policy_lets_only_that_rule_send_through_EventBridge()
    {
        var policy = Properties(template, "FindingsQueuePolicy");

        policy["Queues"]!.Single().Value<string>("Ref").Should().Be("FindingsQueue");
        var statement = policy["PolicyDocument"]!["Statement"]!.Should().ContainSingle().Subject;
        statement.Value<string>("Effect").Should().Be("Allow");
        statement["Principal"]!.Value<string>("Service").Should().Be("events.amazonaws.com");
        statement.Value<string>("Action").Should().Be("sqs:SendMessage");
        GetAtt(statement["Resource"]).Should().Equal("FindingsQueue", "Arn");
        GetAtt(statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]).Should().Equal("GuardDutyEventsRule", "Arn");
    }

    [Test]
    public void The_app_policy_allows_guardduty_regions_and_the_queue_operations_on_the_queue()
    {
        var statements = Properties(template, "AppPolicy")["PolicyDocument"]!["Statement"]!.Cast<JObject>().ToList();
        IEnumerable<string> Actions(JObject s) => s["Action"] is JArray a ? a.Select(v => v.Value<string>()!) : [s.Value<string>("Action")!];

        var onAnything = statements.Where(s => s["Resource"] is JValue { Type: JTokenType.String } r && r.Value<string>() == "*").SelectMany(Actions).ToList();
        onAnything.Should().Contain(["guardduty:ListDetectors", "guardduty:ListFindings", "guardduty:GetFindings", "guardduty:ArchiveFindings",
            "guardduty:UnarchiveFindings", "guardduty:UpdateFindingsFeedback", "ec2:DescribeRegions"]);
        var onQueue = statements.Where(s => GetAtt(s["Resource"]).SequenceEqual(["FindingsQueue", "Arn"])).SelectMany(Actions).ToList();
        onQueue.Should().Contain(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:SendMessage", "sqs:GetQueueAttributes"]);
        statements.SelectMany(Actions).Should().NotContain(a => a.EndsWith(":*", StringComparison.Ordinal) || a == "*");
    }

    [Test]
    public void The_outputs_give_the_queue_url_and_the_policy()
    {
        var outputs = (JObject)template["Outputs"]!;

        outputs["QueueUrl"]!["Value"]!.Value<string>("Ref").Should().Be("FindingsQueue");
        outputs["AppPolicyArn"]!["Value"]!.Value<string>("Ref").Should().Be("AppPolicy");
    }

    [Test]
    public void The_forwarder_sends_the_same_events_to_the_default_bus_of_the_queue_region_with_a_role_that_may()
    {
        var rule = Properties(forwarder, "ForwardGuardDutyEventsRule");
        var role = Properties(forwarder, "ForwarderRole");

        Pattern(rule).Should().BeEquivalentTo(Pattern(Properties(template, "GuardDutyEventsRule")));
        var target = rule["Targets"]!.Should().ContainSingle().Subject;
        target["Arn"]!.Value<string>("Fn::Sub").Should().Be("arn:${AWS::Partition}:events:${QueueRegion}:${AWS::AccountId}:event-bus/default");
        GetAtt(target["RoleArn"]).Should().Equal("ForwarderRole", "Arn");
        role["AssumeRolePolicyDocument"]!["Statement"]!.Single()["Principal"]!.Value<string>("Service").Should().Be("events.amazonaws.com");
        var allowed = role["Policies"]!.Single()["PolicyDocument"]!["Statement"]!.Single();
        allowed.Value<string>("Action").Should().Be("events:PutEvents");
        allowed["Resource"]!.Value<string>("Fn::Sub").Should().Be(target["Arn"]!.Value<string>("Fn::Sub"));
    }

    [TestCase("guardduty-push.json")]
    [TestCase("guardduty-push-forwarder.json")]
    public void Every_reference_names_a_resource_a_parameter_or_a_pseudo_parameter(string file)
    {
        var doc = file == "guardduty-push.json" ? template : forwarder;
        var resources = ((JObject)doc["Resources"]!).Properties().Select(p => p.Name).ToHashSet();
        var parameters = ((JObject?)doc["Parameters"])?.Properties().Select(p => p.Name).ToHashSet() ?? [];
        var conditions = ((JObject?)doc["Conditions"])?.Properties().Select(p => p.Name).ToHashSet() ?? [];
        var problems = new List<string>();

        foreach (var token in doc.DescendantsAndSelf().OfType<JProperty>())
        {
            switch (token.Name)
            {
                case "Ref" when token.Value.Type == JTokenType.String:
                    var name = token.Value.Value<string>()!;
                    if (!resources.Contains(name) && !parameters.Contains(name) && !PseudoParameters.Contains(name)) problems.Add($"Ref {name}");
                    break;
                case "Fn::GetAtt":
                    var target = token.Value.First!.Value<string>()!;
                    if (!resources.Contains(target)) problems.Add($"GetAtt {target}");
                    break;
                case "Fn::Sub" when token.Value.Type == JTokenType.String:
                    foreach (var variable in System.Text.RegularExpressions.Regex.Matches(token.Value.Value<string>()!, @"\$\{([^}!]+)\}").Select(m => m.Groups[1].Value))
                    {
                        var root = variable.Split('.')[0];
                        if (!resources.Contains(root) && !parameters.Contains(variable) && !PseudoParameters.Contains(variable)) problems.Add($"Sub {variable}");
                    }

                    break;
                case "Fn::If":
                    var condition = token.Value.First!.Value<string>()!;
                    if (!conditions.Contains(condition)) problems.Add($"If {condition}");
                    break;
            }
        }

        problems.Should().BeEmpty();
    }

    private static Dictionary<string, string> Types(JObject doc) =>
        ((JObject)doc["Resources"]!).Properties().ToDictionary(p => p.Name, p => p.Value.Value<string>("Type")!);

    private static JObject Properties(JObject doc, string resource) =>
        (JObject)doc["Resources"]![resource]!["Properties"]!;

    private static (string[] Sources, string[] DetailTypes) Pattern(JObject rule) =>
        (Strings(rule["EventPattern"]!["source"]), Strings(rule["EventPattern"]!["detail-type"]));

    private static string[] GetAtt(JToken? value) =>
        Strings((value as JObject)?["Fn::GetAtt"]);

    private static string[] Strings(JToken? value) =>
        value is JArray items ? items.Select(item => item.Value<string>()!).ToArray() : [];
}
