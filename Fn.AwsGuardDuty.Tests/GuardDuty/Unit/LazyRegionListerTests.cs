using Fn.AwsGuardDuty.GuardDuty.Discovery;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class LazyRegionListerTests
{
    [Test]
    public async Task The_lister_is_made_on_the_first_refresh_once_and_disposed_with_the_wrapper()
    {
        var made = 0;
        FixedLister? inner = null;
        var lazy = new LazyRegionLister(() =>
        {
            Interlocked.Increment(ref made);
            return inner = new FixedLister(["us-east-1", "eu-west-1"]);
        });

        made.Should().Be(0, "nothing is made before a refresh");
        lazy.IsCreated.Should().BeFalse();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => lazy.ListRegionNamesAsync(CancellationToken.None))));
        results.Should().AllSatisfy(r => r.Should().Equal("us-east-1", "eu-west-1"));
        made.Should().Be(1);
        lazy.IsCreated.Should().BeTrue();

        lazy.Dispose();
        inner!.Disposed.Should().BeTrue();
    }

    [Test]
    public async Task After_disposal_without_a_refresh_no_lister_is_made()
    {
        var made = 0;
        var lazy = new LazyRegionLister(() =>
        {
            made++;
            return new FixedLister([]);
        });
        lazy.Dispose();
        await FluentActions.Awaiting(() => lazy.ListRegionNamesAsync(CancellationToken.None)).Should().ThrowAsync<ObjectDisposedException>();
        made.Should().Be(0);
    }

    private sealed class FixedLister(IReadOnlyList<string> names) : IRegionLister, IDisposable
    {
        public bool Disposed { get; private set; }

        public Task<IReadOnlyList<string>> ListRegionNamesAsync(CancellationToken cancellationToken) => Task.FromResult(names);

        public void Dispose() => Disposed = true;
    }
}
