namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>
/// Makes its lister on the first refresh, not when the app starts: the EC2 SDK (AWSSDK.EC2, its XML unmarshallers and
/// their JIT code) is loaded only by a process that lists regions, never by one that only answers functions.
/// </summary>
public sealed class LazyRegionLister : IRegionLister, IDisposable
{
    private readonly Func<IRegionLister> _create;
    private readonly Lock _gate = new();
    private IRegionLister? _lister;
    private bool _disposed;

    public LazyRegionLister(Func<IRegionLister> create) => _create = create;

    /// <summary>Whether the lister has been made (by a first refresh).</summary>
    public bool IsCreated => Volatile.Read(ref _lister) is not null;

    public Task<IReadOnlyList<string>> ListRegionNamesAsync(CancellationToken cancellationToken) =>
        Lister().ListRegionNamesAsync(cancellationToken);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            (_lister as IDisposable)?.Dispose();
        }
    }

    private IRegionLister Lister()
    {
        if (Volatile.Read(ref _lister) is { } made) return made;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lister ??= _create();
            return _lister;
        }
    }
}
