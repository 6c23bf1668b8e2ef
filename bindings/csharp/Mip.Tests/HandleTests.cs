// SPDX-License-Identifier: Apache-2.0
using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// SafeHandle lifetimes: every native object freed exactly once and as soon as it is used, use
    /// after Dispose an exception rather than a crash, and a client disposed during a call freed
    /// only when that call returns.
    /// </summary>
    [TestFixture]
    public class HandleTests
    {
        private static int[] Live()
        {
            var counts = new int[7];
            for (int k = 0; k < counts.Length; k++) counts[k] = MipSafeHandle.LiveCount((HandleKind)k);
            return counts;
        }

        [Test]
        public void DisposeReleasesTheClient()
        {
            int before = MipSafeHandle.LiveCount(HandleKind.Client);
            MipClient client = SharedEmulators.Client();
            Assert.AreEqual(before + 1, MipSafeHandle.LiveCount(HandleKind.Client));
            Assert.IsFalse(client.Handle.IsClosed);
            client.GetImportProgress(Scenario.CompletedJob);
            client.Dispose();
            Assert.IsTrue(client.Handle.IsClosed);
            Assert.AreEqual(before, MipSafeHandle.LiveCount(HandleKind.Client));
            client.Dispose();   // twice is fine
            Assert.Throws<ObjectDisposedException>(() => client.GetImportProgress(Scenario.CompletedJob));
            Assert.Throws<ObjectDisposedException>(() => client.GetImportProgressAsync(Scenario.CompletedJob));
            Assert.Throws<ObjectDisposedException>(() => client.WaitAsync(Scenario.CompletedJob));
            Assert.Throws<ObjectDisposedException>(() => client.GetImportProgressMany(new[] { Scenario.CompletedJob }));
        }

        [Test]
        public void EveryNativeObjectIsFreed()
        {
            int[] before = Live();
            using (MipClient client = SharedEmulators.Client())
            using (var cts = new CancellationTokenSource())
            {
                client.GetImportProgress(Scenario.CompletedJob);
                client.GetImportProgress(Scenario.CompletedJob, cts.Token);
                Assert.Throws<MipException>(() => client.GetImportProgress(Scenario.MissingJob, cts.Token));
                Assert.IsTrue(client.GetImportProgressAsync(Scenario.FailedJob, cts.Token).Wait(30000));
                client.GetImportProgressMany(new[] { Scenario.CompletedJob, Scenario.MissingJob, null, "a\0b" }, cts.Token);
                client.Wait(Scenario.FailedJob, new SyncProgress<ImportJob>(j => { }), TimeSpan.FromMilliseconds(10),
                            TimeSpan.FromSeconds(30), cts.Token);
                Assert.Throws<InvalidOperationException>(() => client.Wait(
                    Scenario.EndlessJob, new SyncProgress<ImportJob>(j => { throw new InvalidOperationException(); }),
                    TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30)));
                using (var stall = new CancellationTokenSource(200))
                    Assert.Catch<OperationCanceledException>(() => client.GetImportProgress(Scenario.StalledJob, stall.Token));
                Assert.Throws<MipException>(() => new MipClient(new MipOptions { Endpoint = SharedEmulators.Url, MaxConnections = -1 }));
                Assert.Throws<MipException>(() => new MipClient(new MipOptions()));
                Assert.AreEqual(before[(int)HandleKind.Client] + 1, MipSafeHandle.LiveCount(HandleKind.Client));
            }
            // Nothing is left for a finalizer: every handle was disposed as soon as it was used.
            CollectionAssert.AreEqual(before, Live(), "options, client, job, error, cancel");
        }

        [Test]
        public void DisposeDuringACallWaitsForIt()
        {
            int before = MipSafeHandle.LiveCount(HandleKind.Client);
            MipClient client = SharedEmulators.Client();
            using (var cts = new CancellationTokenSource())
            using (var polled = new ManualResetEventSlim())
            {
                Task<ImportJob> wait = client.WaitAsync(Scenario.EndlessJob, new SyncProgress<ImportJob>(j => polled.Set()),
                                                        TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2), cts.Token);
                try
                {
                    Assert.IsTrue(polled.Wait(30000), "no poll");
                    client.Dispose();    // the wait is still running inside libmip
                    Assert.Throws<ObjectDisposedException>(() => client.GetImportProgress(Scenario.CompletedJob));
                    Assert.AreEqual(before + 1, MipSafeHandle.LiveCount(HandleKind.Client),
                                    "the native client lives until the running call returns");
                }
                finally
                {
                    // Never leave a wait with no deadline running: a thread inside native code keeps
                    // the test domain from unloading.
                    cts.Cancel();
                    try
                    {
                        wait.Wait(30000);
                    }
                    catch (AggregateException)
                    {
                    }
                }
                Assert.IsTrue(wait.IsCanceled, wait.Status.ToString());
                Assert.IsTrue(client.Handle.IsClosed);
                Assert.AreEqual(before, MipSafeHandle.LiveCount(HandleKind.Client));
            }
        }
    }
}
