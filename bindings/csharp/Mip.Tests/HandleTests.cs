using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    [TestFixture]
    public class HandleTests
    {
        private Emulator emulator;

        [SetUp]
        public void StartEmulator()
        {
            emulator = Emulator.Start();
        }

        [TearDown]
        public void StopEmulator()
        {
            emulator.Dispose();
        }

        private static int[] Live()
        {
            var counts = new int[5];
            for (int k = 0; k < counts.Length; k++) counts[k] = MipSafeHandle.LiveCount((HandleKind)k);
            return counts;
        }

        [Test]
        public void DisposeReleasesTheClient()
        {
            int before = MipSafeHandle.LiveCount(HandleKind.Client);
            MipClient client = emulator.Client();
            Assert.AreEqual(before + 1, MipSafeHandle.LiveCount(HandleKind.Client));
            Assert.IsFalse(client.Handle.IsClosed);
            client.GetImportProgress(Emulator.MilvusJob);
            client.Dispose();
            Assert.IsTrue(client.Handle.IsClosed);
            Assert.AreEqual(before, MipSafeHandle.LiveCount(HandleKind.Client));
            client.Dispose();   // twice is fine
            Assert.Throws<ObjectDisposedException>(() => client.GetImportProgress(Emulator.MilvusJob));
            Assert.Throws<ObjectDisposedException>(() => client.GetImportProgressAsync(Emulator.MilvusJob));
            Assert.Throws<ObjectDisposedException>(() => client.WaitAsync(Emulator.MilvusJob));
            Assert.Throws<ObjectDisposedException>(() => client.GetImportProgressMany(new[] { Emulator.MilvusJob }));
        }

        [Test]
        public void EveryNativeObjectIsFreed()
        {
            int[] before = Live();
            using (MipClient client = emulator.Client())
            using (var cts = new CancellationTokenSource())
            {
                client.GetImportProgress(Emulator.MilvusJob);
                client.GetImportProgress(Emulator.MilvusJob, cts.Token);
                Assert.Throws<MipException>(() => client.GetImportProgress(Emulator.MissingJob, cts.Token));
                Assert.IsTrue(client.GetImportProgressAsync(Emulator.FailedJob, cts.Token).Wait(30000));
                client.GetImportProgressMany(new[] { Emulator.MilvusJob, Emulator.MissingJob, null, "a\0b" }, cts.Token);
                client.Wait(Emulator.FailedJob, new SyncProgress<ImportJob>(j => { }), TimeSpan.FromMilliseconds(10),
                            TimeSpan.FromSeconds(30), cts.Token);
                Assert.Throws<InvalidOperationException>(() => client.Wait(
                    Emulator.MilvusJob, new SyncProgress<ImportJob>(j => { throw new InvalidOperationException(); }),
                    TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30)));
                using (var stall = new CancellationTokenSource(200))
                    Assert.Catch<OperationCanceledException>(() => client.GetImportProgress("fault-stall", stall.Token));
                Assert.Throws<MipException>(() => new MipClient(new MipOptions { Endpoint = emulator.Url, MaxConnections = -1 }));
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
            MipClient client = emulator.Client();
            using (var cts = new CancellationTokenSource())
            using (var polled = new ManualResetEventSlim())
            {
                Task<ImportJob> wait = client.WaitAsync(Emulator.MilvusJob, new SyncProgress<ImportJob>(j => polled.Set()),
                                                        TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2), cts.Token);
                try
                {
                    Assert.IsTrue(polled.Wait(30000), "no poll");
                    client.Dispose();    // the wait is still running inside libmip
                    Assert.Throws<ObjectDisposedException>(() => client.GetImportProgress(Emulator.MilvusJob));
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
