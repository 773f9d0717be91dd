using System.Text;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary>
/// <c>POST /configurations/imports</c> validates the export and answers it PENDING with what it would add and change;
/// <c>PUT /configurations/imports/{id}</c> with status ACCEPTED applies it, REJECTED discards it (soar-protocol §8).
/// </summary>
internal sealed class SoarImportEndpoints
{
    private const string Base = "/rest/orgs/{org}/configurations/imports";

    public IEnumerable<SoarRoute> Routes() =>
    [
        new("POST", Base, Create),
        new("GET", Base + "/{id}", Get),
        new("PUT", Base + "/{id}", Decide),
    ];

    /// <summary>Validates, plans and stores an import as PENDING (used by the endpoint and by the preload).</summary>
    internal static SoarImportRecord Stage(SoarOrgState org, SoarExport export)
    {
        var problems = SoarImportValidator.Validate(export, org.Schema);
        if (problems.Count > 0)
        {
            throw SoarHttpException.BadRequest($"The import is not valid ({problems.Count} problem(s)): " + string.Join(" ", problems));
        }

        var record = new SoarImportRecord
        {
            Id = org.NextImportId(),
            CreateDate = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Export = export.Json,
            Changes = SoarImportPlanner.Plan(export, org.Schema),
            ExportDate = export.Json["export_date"]?.Type == JTokenType.Integer ? export.Json["export_date"]!.Value<long>() : null,
        };
        org.Imports[record.Id] = record;
        return record;
    }

    internal static void Accept(SoarOrgState org, SoarImportRecord record)
    {
        var export = SoarExport.From(record.Export!);
        // The org may have changed since the import was posted; SOAR checks again on commit.
        var problems = SoarImportValidator.Validate(export, org.Schema);
        if (problems.Count > 0)
        {
            throw SoarHttpException.BadRequest($"The import is no longer valid ({problems.Count} problem(s)): " + string.Join(" ", problems));
        }

        SoarImportApplier.Apply(export, org.Schema);
        record.Status = "ACCEPTED";
        record.Export = null;
    }

    private static async Task<SoarResult> Create(SoarRequest request)
    {
        using var reader = new StreamReader(request.Http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.Aborted).ConfigureAwait(false);
        var export = SoarExport.Decode(text);
        var org = request.Org;
        lock (org.Gate)
        {
            return SoarResult.Ok(Stage(org, export).ToJson());
        }
    }

    private static Task<SoarResult> Get(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            return Task.FromResult(SoarResult.Ok(Find(org, id).ToJson()));
        }
    }

    private static async Task<SoarResult> Decide(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var status = body["status"]?.Type == JTokenType.String ? body["status"]!.Value<string>() : null;
        if (status is not ("ACCEPTED" or "REJECTED"))
        {
            throw SoarHttpException.BadRequest("The import decision needs \"status\": \"ACCEPTED\" or \"REJECTED\".");
        }

        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var record = Find(org, id);
            if (record.Status != "PENDING")
            {
                throw SoarHttpException.BadRequest($"Import {id} is already {record.Status}.");
            }

            if (status == "ACCEPTED")
            {
                Accept(org, record);
            }
            else
            {
                record.Status = "REJECTED";
                record.Export = null;
            }

            return SoarResult.Ok(record.ToJson());
        }
    }

    private static SoarImportRecord Find(SoarOrgState org, long id) =>
        org.Imports.GetValueOrDefault((int)Math.Min(id, int.MaxValue)) ?? throw SoarHttpException.NotFound($"Import {id} does not exist.");
}
