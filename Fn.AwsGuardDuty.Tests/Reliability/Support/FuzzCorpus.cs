using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// Seeded generator of hostile input for the function listener: function-message bodies (random text, truncated and
/// byte-mutated valid bodies, wrong JSON types, huge and deeply nested inputs, other functions with random inputs) and
/// raw STOMP byte streams a broker could send (mutated MESSAGE frames, broken headers and content-lengths, unexpected
/// commands, garbage). The same seed gives the same corpus, so a failure reproduces.
/// </summary>
public sealed class FuzzCorpus(int seed, string validFindingId, string detectorId, string region)
{
    private static readonly string[] Functions =
    [
        FunctionNames.ArchiveFinding, FunctionNames.UnarchiveFinding, FunctionNames.GetFindings, FunctionNames.ListFindings,
        FunctionNames.UpdateFindingsFeedback, FunctionNames.GetIpSet, FunctionNames.ListIpSet, FunctionNames.GetThreatIntelSet,
        FunctionNames.DeleteIpSet, FunctionNames.RefreshFinding,
    ];

    private static readonly string[] InputKeys =
    [
        InputNames.FindingId, InputNames.DetectorId, InputNames.Region, InputNames.FindingIds, InputNames.IncidentId,
        "aws_gd_finding_criteria", "aws_gd_feedback", "aws_gd_ipset_id", "aws_gd_max_results", "aws_gd_comments",
    ];

    private readonly Random _random = new(seed);

    public int Seed => seed;

    /// <summary>A valid archive-finding body (the control case: it must succeed).</summary>
    public string ValidBody(long invocation) =>
        SoarFunctionMessage.Body(FunctionNames.ArchiveFinding, invocation, new JObject
        {
            [InputNames.FindingId] = validFindingId,
            [InputNames.DetectorId] = detectorId,
            [InputNames.Region] = region,
        }).ToString(Formatting.None);

    /// <summary>A hostile (or, for <see cref="BodyKind.Valid"/>, valid) function-message body.</summary>
    public (BodyKind Kind, string Body) NextBody(long invocation)
    {
        var kind = (BodyKind)_random.Next(Enum.GetValues<BodyKind>().Length);
        var body = kind switch
        {
            BodyKind.Valid => ValidBody(invocation),
            BodyKind.UnknownFunction => SoarFunctionMessage.Body("fn_" + Word(12), invocation, new JObject()).ToString(Formatting.None),
            BodyKind.RandomText => RandomText(_random.Next(0, 2000)),
            BodyKind.Truncated => ValidBody(invocation)[.._random.Next(0, ValidBody(invocation).Length)],
            BodyKind.Mutated => Mutate(ValidBody(invocation), _random.Next(1, 12)),
            BodyKind.WrongTypes => WrongTypes(invocation).ToString(Formatting.None),
            BodyKind.Huge => Huge(invocation),
            BodyKind.DeeplyNested => Nested(invocation),
            BodyKind.NotAnObject => Pick("", "   ", "null", "[]", "[{\"function\":{}}]", "\"text\"", "42", "true", "{}", "{\"function\":null}",
                "{\"function\":{\"name\":\"\"}}", "{\"function\":{\"name\":\"" + FunctionNames.ArchiveFinding + "\"},\"inputs\":[1,2]}"),
            BodyKind.OtherFunctionRandomInputs => OtherFunction(invocation).ToString(Formatting.None),
            _ => throw new InvalidOperationException(),
        };
        return (kind, body);
    }

    /// <summary>
    /// A burst of raw STOMP bytes for one connection, from <paramref name="frames"/> generated frames: mostly
    /// well-formed MESSAGE frames with hostile headers and bodies, some broken ones, other commands and garbage.
    /// </summary>
    public byte[] NextBurst(int frames, string subscription, string actionsQueue, string acksQueue, ref long frameCounter)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < frames; i++)
        {
            var n = ++frameCounter;
            var frame = _random.Next(100) switch
            {
                < 55 => Message(n, subscription, actionsQueue, acksQueue, broken: false),
                < 70 => Message(n, subscription, actionsQueue, acksQueue, broken: true),
                < 78 => Encoding.UTF8.GetBytes($"RECEIPT\nreceipt-id:{Word(10)}\n\n\0"),
                < 82 => Encoding.UTF8.GetBytes(Pick("\n", "\r\n", "\n\n\n", "\r\n\r\n")),
                < 86 => Encoding.UTF8.GetBytes($"ERROR\nmessage:{Word(20)}\ncontent-type:text/plain\n\n{Word(40)}\0"),
                < 90 => Encoding.UTF8.GetBytes(Pick("CONNECTED\nversion:1.2\n\n\0", "message\n\n\0", "FOO\nbar:baz\n\n\0", "MESSAGE\0")),
                < 95 => Bytes(_random.Next(1, 300)),
                _ => Mutate(Message(n, subscription, actionsQueue, acksQueue, broken: false), _random.Next(1, 8)),
            };
            buffer.Write(frame);
        }

        return buffer.ToArray();
    }

    private byte[] Message(long n, string subscription, string actionsQueue, string acksQueue, bool broken)
    {
        var (_, body) = NextBody(n);
        if (body.Length > 200_000)
        {
            body = body[..200_000];
        }

        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var headers = new List<string>
        {
            "subscription:" + (_random.Next(10) == 0 ? Word(8) : subscription),
            "message-id:ID:fuzz-" + n.ToString(CultureInfo.InvariantCulture),
            "ack:fuzz-ack-" + n.ToString(CultureInfo.InvariantCulture),
            "destination:/queue/" + actionsQueue,
            "correlation-id:fuzz-frame-" + n.ToString(CultureInfo.InvariantCulture),
            "persistent:true",
            "Co3ContextToken:" + Word(24),
        };
        if (_random.Next(4) != 0)
        {
            headers.Add("reply-to:/queue/" + acksQueue);
        }

        if (_random.Next(2) == 0)
        {
            headers.Add("content-length:" + bodyBytes.Length.ToString(CultureInfo.InvariantCulture));
        }

        if (broken)
        {
            switch (_random.Next(9))
            {
                case 0: headers.RemoveAt(1); break; // no message-id
                case 1: headers.RemoveAt(2); break; // no ack
                case 2: headers.Add("content-length:" + Pick("-1", "abc", "99999999999999999999", "4294967296", (bodyBytes.Length + 5).ToString(CultureInfo.InvariantCulture), "0")); break;
                case 3: headers.Add("x-long:" + new string('h', _random.Next(1000, 100_000))); break;
                case 4: headers.Add("header-without-colon"); break;
                case 5: headers.Add("bad-escape:\\x\\t"); break;
                case 6: headers.AddRange(Enumerable.Range(0, 200).Select(i => $"h{i}:v")); break;
                case 7: headers.Insert(0, "message-id:ID:duplicate-" + Word(4)); break;
                default: headers.Add("correlation-id:" + RandomText(50).Replace('\n', ' ').Replace(':', ' ').Replace('\0', ' ')); break;
            }
        }

        var head = Encoding.UTF8.GetBytes("MESSAGE\n" + string.Join("\n", headers) + "\n\n");
        return [.. head, .. bodyBytes, 0];
    }

    private JObject WrongTypes(long invocation)
    {
        var body = JObject.Parse(ValidBody(invocation));
        var target = _random.Next(6);
        switch (target)
        {
            case 0: body["function"] = AnyValue(); break;
            case 1: body["function"]!["name"] = AnyValue(); break;
            case 2: body["inputs"] = AnyValue(); break;
            case 3: body["inputs"]![Pick(InputKeys)] = AnyValue(); break;
            case 4: body["workflow_instance"] = new JObject { ["workflow_instance_id"] = AnyValue() }; body["function"]!["id"] = AnyValue(); break;
            default: body["principal"] = AnyValue(); body["playbook_instance"] = new JObject { ["playbook_instance_id"] = AnyValue() }; break;
        }

        return body;
    }

    private JObject OtherFunction(long invocation)
    {
        var inputs = new JObject();
        foreach (var key in InputKeys.Where(_ => _random.Next(2) == 0))
        {
            inputs[key] = _random.Next(3) switch
            {
                0 => AnyValue(),
                1 => key switch
                {
                    InputNames.FindingId => validFindingId,
                    InputNames.DetectorId => detectorId,
                    InputNames.Region => region,
                    _ => Word(_random.Next(1, 40)),
                },
                _ => RandomText(_random.Next(0, 80)),
            };
        }

        return SoarFunctionMessage.Body(Pick(Functions), invocation, inputs);
    }

    private string Huge(long invocation)
    {
        var body = JObject.Parse(ValidBody(invocation));
        switch (_random.Next(3))
        {
            case 0:
                body["inputs"]![InputNames.FindingId] = new string('f', 1024 * 1024);
                break;
            case 1:
                var inputs = (JObject)body["inputs"]!;
                for (var i = 0; i < 5000; i++)
                {
                    inputs["extra_" + i.ToString(CultureInfo.InvariantCulture)] = Word(20);
                }

                break;
            default:
                body["inputs"]![InputNames.FindingIds] = string.Join(",", Enumerable.Range(0, 4_000).Select(i => "id" + i.ToString(CultureInfo.InvariantCulture)));
                body["function"]!["name"] = FunctionNames.GetFindings;
                break;
        }

        return body.ToString(Formatting.None);
    }

    private string Nested(long invocation)
    {
        var depth = _random.Next(100, 20_000);
        var nested = new string('[', depth) + "1" + new string(']', depth);
        var valid = ValidBody(invocation);
        return _random.Next(2) == 0
            ? valid.Replace("\"inputs\":{", "\"inputs\":{\"deep\":" + nested + ",", StringComparison.Ordinal)
            : nested;
    }

    private JToken AnyValue() => _random.Next(12) switch
    {
        0 => JValue.CreateNull(),
        1 => new JValue(_random.Next(2) == 0),
        2 => new JValue(_random.Next(int.MinValue, int.MaxValue)),
        3 => JToken.Parse("123456789012345678901234567890"),
        4 => JToken.Parse("-9223372036854775809"),
        5 => new JValue(_random.NextDouble() * 1e300),
        6 => JToken.Parse("1e400"),
        7 => new JArray(Word(5), 1, JValue.CreateNull(), new JObject()),
        8 => new JObject { ["content"] = Word(8), ["format"] = "text", ["id"] = 5 },
        9 => new JValue(RandomText(_random.Next(0, 200))),
        10 => new JValue(""),
        _ => new JValue("2025-01-01T00:00:00Z"),
    };

    private string Mutate(string text, int mutations) => Encoding.UTF8.GetString(Mutate(Encoding.UTF8.GetBytes(text), mutations));

    private byte[] Mutate(byte[] bytes, int mutations)
    {
        var list = bytes.ToList();
        for (var i = 0; i < mutations && list.Count > 0; i++)
        {
            var at = _random.Next(list.Count);
            switch (_random.Next(4))
            {
                case 0: list[at] = (byte)_random.Next(256); break;
                case 1: list.RemoveAt(at); break;
                case 2: list.Insert(at, (byte)Pick('"', '{', '}', '[', ']', ',', ':', '\\', '\n', '\0', '\u00ff')); break;
                default: list.InsertRange(at, list.Skip(at).Take(_random.Next(1, 40)).ToList()); break;
            }
        }

        return [.. list];
    }

    private string RandomText(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(_random.Next(10) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0x80, 0x800),
                2 => (char)_random.Next(0xD800, 0xE000), // lone surrogates
                3 => Pick('{', '}', '[', ']', '"', ':', ',', '\\'),
                _ => (char)_random.Next(32, 127),
            });
        }

        return builder.ToString();
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Word(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, _random, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[random.Next(alphabet.Length)];
            }
        });
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
