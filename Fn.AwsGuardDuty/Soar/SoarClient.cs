using Fn.AwsGuardDuty.Soar.Api;
using Fn.AwsGuardDuty.Soar.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>
/// The SOAR REST client. Create one per process (it owns one pooled connection pool), call
/// <see cref="ConnectAsync"/> to log in early (any call logs in on demand), and use the resource groups
/// (<see cref="Incidents"/>, <see cref="Artifacts"/>, ...). Thread-safe.
/// </summary>
public sealed class SoarClient : IDisposable
{
    private readonly SoarHttp _http;
    private readonly SoarAuthenticator _auth;
    private readonly SoarConnection _connection;

    public SoarClient(SoarClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SoarClient>();
        var time = timeProvider ?? TimeProvider.System;
        Options = options;
        Counters = new SoarCallCounters();
        _http = new SoarHttp(options, logger, Counters);
        _auth = new SoarAuthenticator(options, _http, Counters, logger);
        _connection = new SoarConnection(_http, _auth);
        Types = new TypesApi(_connection, options.TypesCacheTtl, time);
        Incidents = new IncidentsApi(_connection, Types, options.ConflictMaxAttempts, logger);
        var write = new AmbiguousWrite(options, logger);
        Artifacts = new ArtifactsApi(_connection, write);
        Notes = new NotesApi(_connection, write);
        DataTables = new DataTablesApi(_connection, write);
        Functions = new FunctionsApi(_connection);
        MessageDestinations = new MessageDestinationsApi(_connection, options.ConflictMaxAttempts, logger);
        Imports = new ImportsApi(_connection);
    }

    public SoarClientOptions Options { get; }

    /// <summary>HTTP calls made by this client (logins and retries included).</summary>
    public SoarCallCounters Counters { get; }

    /// <summary>The current session, or null before the first login.</summary>
    public SoarSession? Session => _auth.Current?.Session;

    /// <summary>https://host:port[/resource_prefix].</summary>
    public string BaseUrl => _http.BaseUrl;

    public IncidentsApi Incidents { get; }

    public ArtifactsApi Artifacts { get; }

    public NotesApi Notes { get; }

    public DataTablesApi DataTables { get; }

    public TypesApi Types { get; }

    public FunctionsApi Functions { get; }

    public MessageDestinationsApi MessageDestinations { get; }

    public ImportsApi Imports { get; }

    /// <summary>
    /// Logs in (if not yet), resolves the org and reads <c>actions_framework_enabled</c>. Throws
    /// <see cref="SoarAuthenticationException"/>, <see cref="SoarOrgException"/>, <see cref="SoarTlsException"/> or
    /// <see cref="SoarConnectionException"/> with a clear reason.
    /// </summary>
    public Task<SoarSession> ConnectAsync(CancellationToken cancellationToken = default) => _connection.GetSessionAsync(cancellationToken);

    /// <summary><c>GET /rest/const</c> (server_version and the platform's constants).</summary>
    public Task<JObject> GetConstAsync(CancellationToken cancellationToken = default) =>
        _connection.SendObjectAsync(SoarRequest.Get("/const", SoarScope.Absolute), cancellationToken);

    /// <summary>GET on an org-relative path (e.g. <c>/workflow_instances/5</c>) for calls without a typed method.</summary>
    public Task<JToken?> GetAsync(string orgRelativePath, CancellationToken cancellationToken = default) =>
        _connection.SendJsonAsync(SoarRequest.Get(RequirePath(orgRelativePath)), cancellationToken);

    /// <summary>POST on an org-relative path, treated as a write: repeated only on 429 or when it certainly never left.</summary>
    public Task<JToken?> PostAsync(string orgRelativePath, JToken? body, CancellationToken cancellationToken = default) =>
        _connection.SendJsonAsync(SoarRequest.Post(RequirePath(orgRelativePath), body), cancellationToken);

    /// <summary>PUT on an org-relative path.</summary>
    public Task<JToken?> PutAsync(string orgRelativePath, JToken? body, CancellationToken cancellationToken = default) =>
        _connection.SendJsonAsync(SoarRequest.Put(RequirePath(orgRelativePath), body), cancellationToken);

    /// <summary>DELETE on an org-relative path.</summary>
    public Task<JToken?> DeleteAsync(string orgRelativePath, CancellationToken cancellationToken = default) =>
        _connection.SendJsonAsync(SoarRequest.Delete(RequirePath(orgRelativePath)), cancellationToken);

    public void Dispose()
    {
        _auth.Dispose();
        _http.Dispose();
    }

    private static string RequirePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path.StartsWith('/') ? path : "/" + path;
    }
}
