using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>
/// List/Create/Get/Update/Delete for IPSets, ThreatIntelSets and the threat/trusted entity sets (same rules, different
/// member names; the entity sets also report createdAt/updatedAt). Activation is
/// immediate (ACTIVE/INACTIVE); the S3 object is never read; a repeated clientToken returns the same id; unknown ids
/// give 400 BadRequestException, as the classic GuardDuty surface never returns 404.
/// </summary>
internal sealed partial class ThreatListOperations(GuardDutyEmulatorState state, ThreatListKind kind)
{
    private static readonly string[] Formats = ["TXT", "STIX", "OTX_CSV", "ALIEN_VAULT", "PROOF_POINT", "FIRE_EYE"];

    public JObject List(GuardDutyCall call)
    {
        var maxResults = call.Query.Int("maxResults", 1, 50) ?? 50;
        var nextToken = call.Query.String("nextToken");
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var ids = detector.ThreatLists(kind).Keys.Order(StringComparer.Ordinal).ToList();
            var hash = PageTokenCodec.QueryHash("List" + kind.Name, call.AccountId, call.Region, detector.Id);
            var (page, token) = IdPager.Page(ids, maxResults, nextToken, hash, state.Tokens);
            return ListResponse.Build(kind.ListMember, page, token, state.EmptyNextTokenOnLastPage);
        }
    }

    public JObject Create(GuardDutyCall call)
    {
        var name = Name(call.Body.RequiredString("name", 1, 300));
        var format = call.Body.RequiredEnum("format", Formats);
        var location = Location(call.Body.RequiredString("location", 1, 300));
        var activate = call.Body.RequiredBool("activate");
        var clientToken = call.Body.OptionalString("clientToken", 0, 64);
        var tags = call.Body.OptionalTags();
        var bucketOwner = BucketOwner(call.Body.OptionalString("expectedBucketOwner", 12, 12));
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var lists = detector.ThreatLists(kind);
            if (clientToken is { Length: > 0 } && lists.Values.FirstOrDefault(entry => entry.ClientToken == clientToken) is { } repeated)
            {
                return new JObject { [kind.IdMember] = repeated.Id };
            }

            var limit = kind.IsTrusted ? state.Options.MaxIpSetsPerDetector : state.Options.MaxThreatIntelSetsPerDetector;
            if (lists.Count >= limit)
            {
                throw GuardDutyErrors.BadRequest(
                    $"The request is rejected because the current account has reached the maximum number of {kind.Name}s ({limit}) in this Region.");
            }

            var entry = new ThreatListEntry(GuardDutyEmulatorState.NewId(), detector.NextSequence())
            {
                Name = name,
                Format = format,
                Location = location,
                Status = activate ? "ACTIVE" : "INACTIVE",
                ExpectedBucketOwner = bucketOwner,
                ClientToken = clientToken,
                Tags = tags ?? new Dictionary<string, string>(),
                CreatedAt = state.Clock.GetUtcNow(),
                UpdatedAt = state.Clock.GetUtcNow(),
            };
            lists[entry.Id] = entry;
            return new JObject { [kind.IdMember] = entry.Id };
        }
    }

    public JObject Get(GuardDutyCall call)
    {
        lock (state.Gate)
        {
            var entry = Resolve(call);
            var response = new JObject
            {
                ["name"] = entry.Name,
                ["format"] = entry.Format,
                ["location"] = entry.Location,
                ["status"] = entry.Status,
            };
            if (entry.Tags.Count > 0)
            {
                response["tags"] = JObject.FromObject(entry.Tags);
            }

            if (entry.ExpectedBucketOwner is not null)
            {
                response["expectedBucketOwner"] = entry.ExpectedBucketOwner;
            }

            if (kind.IsEntitySet)
            {
                response["createdAt"] = entry.CreatedAt.ToUnixTimeSeconds();
                response["updatedAt"] = entry.UpdatedAt.ToUnixTimeSeconds();
            }

            return response;
        }
    }

    public JObject Update(GuardDutyCall call)
    {
        var name = call.Body.OptionalString("name", 1, 300) is { } newName ? Name(newName) : null;
        var location = call.Body.OptionalString("location", 1, 300) is { } newLocation ? Location(newLocation) : null;
        var activate = call.Body.OptionalBool("activate");
        var bucketOwner = BucketOwner(call.Body.OptionalString("expectedBucketOwner", 12, 12));
        lock (state.Gate)
        {
            var entry = Resolve(call);
            entry.Name = name ?? entry.Name;
            entry.Location = location ?? entry.Location;
            entry.ExpectedBucketOwner = bucketOwner ?? entry.ExpectedBucketOwner;
            if (activate is not null)
            {
                entry.Status = activate.Value ? "ACTIVE" : "INACTIVE";
            }

            entry.UpdatedAt = state.Clock.GetUtcNow();

            return new JObject();
        }
    }

    public JObject Delete(GuardDutyCall call)
    {
        lock (state.Gate)
        {
            var entry = Resolve(call);
            DetectorResolver.Resolve(state, call).ThreatLists(kind).Remove(entry.Id);
            return new JObject();
        }
    }

    private ThreatListEntry Resolve(GuardDutyCall call)
    {
        var detector = DetectorResolver.Resolve(state, call);
        return detector.ThreatLists(kind).GetValueOrDefault(call.Route.ThreatListId ?? "") ?? throw GuardDutyErrors.NoSuchResource();
    }

    private static string Name(string name) =>
        NamePattern().IsMatch(name) ? name : throw GuardDutyErrors.InvalidParameter("name");

    /// <summary>An S3 object URL in one of the forms the service documents; the object itself is not fetched.</summary>
    private static string Location(string location)
    {
        var valid = Uri.TryCreate(location, UriKind.Absolute, out var uri)
            && (uri.Scheme == "s3" || (uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains("s3", StringComparison.Ordinal)))
            && uri.AbsolutePath.Length > 1;
        return valid ? location : throw GuardDutyErrors.InvalidParameter("location");
    }

    private static string? BucketOwner(string? owner) =>
        owner is null || owner.All(char.IsAsciiDigit) ? owner : throw GuardDutyErrors.InvalidParameter("expectedBucketOwner");

    [GeneratedRegex(@"^[A-Za-z0-9\s_-]+$")]
    private static partial Regex NamePattern();
}
