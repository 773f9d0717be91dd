using System.Text;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

public class NoteTests
{
    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>A finding whose note content is exactly <paramref name="noteBytes"/> UTF-8 bytes long.</summary>
    private static JObject FindingWithNoteOf(int noteBytes, string filler = "x")
    {
        var finding = TestFindings.With("""{ "Service": { "AdditionalInfo": { "Type": "default", "Value": "" } } }""");
        var empty = Bytes(NoteText.CreationHeading + finding.ToString(Formatting.Indented));
        var room = noteBytes - empty;
        var fillerBytes = Bytes(filler);
        var text = new StringBuilder();
        var used = 0;
        for (; used + fillerBytes <= room; used += fillerBytes)
            text.Append(filler);
        text.Append('a', room - used);
        finding["Service"]!["AdditionalInfo"]!["Value"] = text.ToString();
        return finding;
    }

    [Test]
    public void The_note_is_the_heading_and_indented_json()
    {
        var finding = TestFindings.Minimal();

        var note = TestFindings.Map(finding).Note;

        note.Content.Should().Be("AWS GuardDuty finding Payload:\n" + finding.ToString(Formatting.Indented));
        note.Content.Should().Contain("\n  \"Id\": \"f-1\",");
        note.ToJson().ToString(Formatting.None).Should().StartWith("""{"text":{"format":"text","content":"AWS GuardDuty finding Payload:\n{""");
    }

    [Test]
    public void Refresh_uses_the_refresh_heading()
    {
        var note = TestFindings.Mapper().MapForRefresh(TestFindings.Minimal(), TestFindings.Region, []).Note;

        note.Content.Should().StartWith("AWS GuardDuty finding Payload for refresh:\n{");
    }

    [Test]
    public void A_note_of_exactly_64_KB_is_whole()
    {
        var note = TestFindings.Map(FindingWithNoteOf(65536)).Note;

        Bytes(note.Content).Should().Be(65536);
        note.IsTruncated.Should().BeFalse();
    }

    [Test]
    public void A_note_one_byte_over_64_KB_is_truncated_with_a_marker_that_counts_the_cut_bytes()
    {
        var finding = FindingWithNoteOf(65537);
        var json = finding.ToString(Formatting.Indented);

        var note = TestFindings.Map(finding).Note;

        note.IsTruncated.Should().BeTrue();
        Bytes(note.Content).Should().BeLessThanOrEqualTo(65536);
        var marker = Regex.Match(note.Content, @"\n\.\.\. \[note truncated: (\d+) bytes of the finding JSON were cut to keep the note within 65536 bytes\]$");
        marker.Success.Should().BeTrue(note.Content[^200..]);
        var cut = int.Parse(marker.Groups[1].Value);
        cut.Should().Be(note.CutBytes);
        var kept = note.Content[NoteText.CreationHeading.Length..marker.Index];
        json.Should().StartWith(kept);
        (Bytes(kept) + cut).Should().Be(Bytes(json));
    }

    [Test]
    public void A_large_finding_is_cut_to_64_KB_without_splitting_a_character()
    {
        // Two- and four-byte characters (é and an emoji) so the limit falls inside a character.
        var finding = FindingWithNoteOf(200_000, "é😀");

        var note = TestFindings.Map(finding).Note;

        note.IsTruncated.Should().BeTrue();
        Bytes(note.Content).Should().BeLessThanOrEqualTo(NoteText.DefaultMaxBytes);
        Bytes(note.Content).Should().BeGreaterThan(NoteText.DefaultMaxBytes - 8);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        strict.GetString(strict.GetBytes(note.Content)).Should().Be(note.Content);
        note.CutBytes.Should().BeGreaterThan(130_000);
    }

    [Test]
    public void The_limit_is_an_option()
    {
        var note = TestFindings.Mapper(new FindingMapperOptions { NoteMaxBytes = 2048 }).Map(FindingWithNoteOf(5000), TestFindings.Region).Note;

        note.IsTruncated.Should().BeTrue();
        Bytes(note.Content).Should().BeLessThanOrEqualTo(2048);
        note.Content.Should().EndWith("to keep the note within 2048 bytes]");
    }

    [Test]
    public void A_limit_too_small_for_the_marker_is_rejected_up_front()
    {
        var act = () => new FindingMapper(TimeProvider.System, new FindingMapperOptions { NoteMaxBytes = 100 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*NoteMaxBytes must be at least 1024 bytes*");
    }
}
