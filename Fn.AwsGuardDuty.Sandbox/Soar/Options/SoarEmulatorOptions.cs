using Fn.AwsGuardDuty.Sandbox.Tls;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Options;

/// <summary>Everything the SOAR REST emulator is started with. Checked by <see cref="Validate"/> before Kestrel starts.</summary>
public sealed class SoarEmulatorOptions
{
    /// <summary>HTTPS (the default, as SOAR) or plain HTTP for debugging.</summary>
    public bool UseHttps { get; set; } = true;

    /// <summary>When set, the CA certificate is written there as PEM at start (the app's <c>cafile</c>).</summary>
    public string? CaPemPath { get; set; }

    /// <summary>A CA to issue the server certificate from (shared with a STOMP endpoint); when null the emulator makes its own.</summary>
    public LocalCertificateAuthority? CertificateAuthority { get; set; }

    public IList<SoarOrgOptions> Orgs { get; set; } = [new SoarOrgOptions()];

    public IList<SoarApiKeyOptions> ApiKeys { get; set; } = [new SoarApiKeyOptions()];

    public IList<SoarUserOptions> Users { get; set; } = [new SoarUserOptions()];

    /// <summary>Incident fields that must have a value when <c>plan_status</c> becomes "C" (fields marked <c>required: "close"</c>).</summary>
    public IList<string> RequiredOnClose { get; set; } = ["resolution_id", "resolution_summary"];

    public SoarPreload Preload { get; set; } = SoarPreload.None;

    /// <summary>Reported by <c>GET /rest/const</c> as <c>server_version</c>.</summary>
    public Version ServerVersion { get; set; } = new(51, 0, 8, 0);

    public void Validate()
    {
        var problems = new List<string>();
        if (Orgs.Count == 0)
        {
            problems.Add("at least one org is required");
        }

        if (Orgs.Select(o => o.Id).Distinct().Count() != Orgs.Count)
        {
            problems.Add("org ids must be unique");
        }

        foreach (var org in Orgs)
        {
            if (org.Id <= 0)
            {
                problems.Add($"org id {org.Id} must be positive");
            }

            if (string.IsNullOrWhiteSpace(org.Name) || string.IsNullOrWhiteSpace(org.Uuid))
            {
                problems.Add($"org {org.Id} needs a name and a uuid");
            }
        }

        var orgIds = Orgs.Select(o => o.Id).ToHashSet();
        if (ApiKeys.Count + Users.Count == 0)
        {
            problems.Add("at least one API key or user is required");
        }

        foreach (var key in ApiKeys)
        {
            if (string.IsNullOrEmpty(key.Id) || string.IsNullOrEmpty(key.Secret) || key.Id.Contains(':'))
            {
                problems.Add("every API key needs an id without ':' and a secret");
            }

            problems.AddRange(key.OrgIds.Where(id => !orgIds.Contains(id)).Select(id => $"{key} names unknown org {id}"));
        }

        if (ApiKeys.Select(k => k.Id).Distinct().Count() != ApiKeys.Count || ApiKeys.Select(k => k.Handle).Distinct().Count() != ApiKeys.Count)
        {
            problems.Add("API key ids and handles must be unique");
        }

        foreach (var user in Users)
        {
            if (string.IsNullOrEmpty(user.Email) || string.IsNullOrEmpty(user.Password))
            {
                problems.Add("every user needs an email and a password");
            }

            problems.AddRange(user.OrgIds.Where(id => !orgIds.Contains(id)).Select(id => $"{user} names unknown org {id}"));
        }

        if (Users.Select(u => u.Email.ToLowerInvariant()).Distinct().Count() != Users.Count || Users.Select(u => u.UserId).Distinct().Count() != Users.Count)
        {
            problems.Add("user emails and ids must be unique");
        }

        if (RequiredOnClose.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("RequiredOnClose holds an empty field name");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SOAR emulator options: " + string.Join("; ", problems));
        }
    }
}
