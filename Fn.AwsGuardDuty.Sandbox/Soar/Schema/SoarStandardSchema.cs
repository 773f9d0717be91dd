namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>The platform's own incident fields and artifact types, present in every org before any import.</summary>
internal static class SoarStandardSchema
{
    public static readonly SoarSelectValue[] Severities = [new(4, "Low"), new(5, "Medium"), new(6, "High")];

    public static readonly SoarSelectValue[] Resolutions =
        [new(7, "Unresolved"), new(8, "Duplicate"), new(9, "Not an Issue"), new(10, "Resolved")];

    /// <summary>Read-only fields the server sets; a write to them is ignored (PUT) or refused (PATCH).</summary>
    public static readonly IReadOnlySet<string> SystemFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "vers", "create_date", "inc_last_modified_date", "end_date", "org_id", "creator_id",
    };

    public static void Populate(SoarSchema schema)
    {
        var id = 0;
        void Add(string name, string text, string inputType, string? required = null, bool readOnly = false, IReadOnlyList<SoarSelectValue>? values = null) =>
            schema.IncidentFields[name] = new SoarFieldDefinition
            {
                Id = ++id,
                Name = name,
                Text = text,
                TypeName = "incident",
                InputType = inputType,
                Required = required,
                ReadOnly = readOnly,
                Internal = readOnly,
                Values = values ?? [],
                Uuid = $"00000000-0000-4000-8000-{id:000000000000}",
            };

        Add("id", "ID", "number", readOnly: true);
        Add("vers", "Version", "number", readOnly: true);
        Add("org_id", "Organization", "number", readOnly: true);
        Add("creator_id", "Created By", "number", readOnly: true);
        Add("create_date", "Date Created", "datetimepicker", readOnly: true);
        Add("inc_last_modified_date", "Last Modified", "datetimepicker", readOnly: true);
        Add("end_date", "Date Closed", "datetimepicker", readOnly: true);
        Add("name", "Name", "text", required: "always");
        Add("description", "Description", "textarea");
        Add("discovered_date", "Date Discovered", "datetimepicker", required: "always");
        Add("start_date", "Date Occurred", "datetimepicker");
        Add("due_date", "Date Due", "datetimepicker");
        // SOAR keeps plan_status as the code itself ("A"/"C") in every handle format; the codec treats it specially.
        Add("plan_status", "Status", "text", values: [new(1, "A"), new(2, "C")]);
        Add("severity_code", "Severity", "select", values: Severities);
        Add("resolution_id", "Resolution", "select", values: Resolutions);
        Add("resolution_summary", "Resolution Summary", "textarea");
        Add("confirmed", "Confirmed", "boolean");
        Add("inc_training", "Training", "boolean");
        Add("negative_pr_likely", "Negative PR", "boolean");
        Add("owner_id", "Owner", "number");
        Add("phase_id", "Phase", "select", values: [new(1000, "Respond"), new(1001, "Engage"), new(1002, "Detect/Analyze")]);
        Add("incident_type_ids", "Incident Type", "multiselect", values:
            [new(16, "Malware"), new(18, "Denial of Service"), new(19, "Other"), new(21, "Phishing"), new(22, "System Intrusion")]);
        Add("reporter", "Reporter", "text");
        Add("city", "City", "text");
        Add("addr", "Address", "text");
        Add("zip", "Zip", "text");
        Add("country", "Country", "text");
        Add("state", "State", "text");
        Add("exposure_type_id", "Exposure Type", "select", values: [new(1, "Unknown"), new(2, "External Party"), new(3, "Individual")]);

        var builtIn = new[]
        {
            "IP Address", "DNS Name", "URL", "URL Referer", "User Agent", "Email Sender", "Email Recipient", "Email Subject",
            "Email Body", "Port", "System Name", "User Account", "Process Name", "File Name", "File Path", "String",
            "MAC Address", "Malware MD5 Hash", "Malware SHA-1 Hash", "Malware SHA-256 Hash", "Threat CVE ID", "Service",
            "Password", "Registry Key", "HTTP Request Header", "HTTP Response Header", "Network CIDR Range",
        };
        for (var i = 0; i < builtIn.Length; i++)
        {
            schema.ArtifactTypes.Add(new SoarArtifactType
            {
                Id = i + 1,
                Name = builtIn[i],
                ProgrammaticName = builtIn[i],
                System = true,
                Description = builtIn[i],
                Uuid = $"00000000-0000-4000-9000-{i + 1:000000000000}",
            });
        }
    }
}
