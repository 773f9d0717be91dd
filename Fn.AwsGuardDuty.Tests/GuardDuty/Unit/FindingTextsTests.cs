using System.Text;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class FindingTextsTests
{
    private static readonly GuardDutyRequest Request = new("GetFindings", "us-east-1", HttpMethod.Post, "/detector/d/findings/get", null, null);

    private static IReadOnlyList<string> Read(string body) => FindingTexts.Read(Request, new MemoryStream(Encoding.UTF8.GetBytes(body)));

    [Test]
    public void Each_finding_comes_back_byte_for_byte_and_in_order()
    {
        var texts = Read("""{"findings":[{"id":"a","severity":5.0,"title":"caf\u00e9 \"x\""} , {"id":"b","n":{"m":[1,2]}}],"unprocessedFindings":[]}""");

        texts.Should().Equal("""{"id":"a","severity":5.0,"title":"caf\u00e9 \"x\""}""", """{"id":"b","n":{"m":[1,2]}}""");
    }

    [Test]
    public void Multi_byte_text_is_cut_on_its_JSON_boundaries()
    {
        Read("""{"findings":[{"title":"é中😀"},{"title":"ü"}]}""").Should().Equal("""{"title":"é中😀"}""", """{"title":"ü"}""");
    }

    [TestCase("", TestName = "An empty body has no findings")]
    [TestCase("""{"unprocessedFindings":[]}""", TestName = "A body without findings has none")]
    [TestCase("""{"findings":[1,"x",null,[]]}""", TestName = "Members that are not objects are ignored")]
    public void Bodies_with_no_findings(string body) => Read(body).Should().BeEmpty();

    [Test]
    public void A_repeated_findings_member_replaces_the_earlier_one() =>
        Read("""{"findings":[{"id":"a"}],"findings":[{"id":"b"}]}""").Should().Equal("""{"id":"b"}""");

    [Test]
    public void A_page_larger_than_the_first_buffer_is_read_whole()
    {
        var one = "{\"id\":\"" + new string('x', 70_000) + "\"}";
        var body = "{\"findings\":[" + string.Join(",", Enumerable.Repeat(one, 3)) + "]}";
        using var unseekable = new NonSeekableStream(Encoding.UTF8.GetBytes(body));

        FindingTexts.Read(Request, unseekable).Should().Equal(one, one, one);
    }

    [TestCase("""{"findings":[{"id":"a"}""", TestName = "A body cut short is not JSON")]
    [TestCase("""{"findings":[]} trailing""", TestName = "Text after the body is not JSON")]
    [TestCase("""[{"id":"a"}]""", TestName = "A body that is not an object is refused")]
    [TestCase("""{"findings":[{"id":'a'}]}""", TestName = "Invalid JSON is refused")]
    public void Bodies_that_are_not_a_GetFindings_response(string body) =>
        FluentActions.Invoking(() => Read(body)).Should().Throw<GuardDutyResponseException>().WithMessage("GuardDuty GetFindings returned a body that is not JSON*");

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
