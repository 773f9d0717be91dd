using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.S3BucketDetails;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// gd_s3_bucket_details, one row per bucket, each searched recursively inside its own bucket. Unlike the
/// reference, an empty bucket entry is skipped rather than ending the table.
/// </summary>
internal static class S3BucketDetailsTable
{
    private static readonly (string Key, string Column)[] Fields =
    [
        ("Name", C.BucketName), ("Type", C.BucketType), ("Arn", C.BucketArn), ("Id", C.BucketOwner),
        ("KmsMasterKeyArn", C.KmsMasterKeyArn), ("EncryptionType", C.EncryptionType),
        ("EffectivePermission", C.EffectivePermissions),
    ];

    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        var rows = new List<DataTableRow>();
        if (FindingSearch.Node(finding, "Resource", "S3BucketDetails") is not JArray buckets)
            return rows;
        for (var i = 0; i < buckets.Count; i++)
        {
            var row = new RowBuilder(timestamp);
            new TableSection(["Resource", "S3BucketDetails", i], Fields).ApplyTo(finding, row);
            if (!row.IsEmpty)
                rows.Add(row.ToRow());
        }
        return rows;
    }
}
