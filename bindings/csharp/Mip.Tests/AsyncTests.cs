using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    [TestFixture]
    public class AsyncTests
    {
        // Bounds for "it ended": generous, the library promises well within 100 ms.
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

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

        private MipClient SlowClient()
        {
            MipOptions o = emulator.Options(MipApi.Milvus);
            o.Timeout = TimeSpan.FromSeconds(120);
            return new MipClient(o);
        }

        /// <summary>Runs the task to its end (bounded) and returns the exception it ended with.</summary>
        private static T Failure<T>(Task task) where T : Exception
        {
            Assert.IsTrue(WaitQuietly(task, Bound), "the task did not end within " + Bound);
            return Assert.Catch<T>(() => task.GetAwaiter().GetResult());
        }

        private static bool WaitQuietly(Task task, TimeSpan bound)
        {
            try
            {
                return task.Wait(bound);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        [Test]
        public void GetImportProgressAsyncSucceeds()
        {
            using (MipClient client = emulator.Client())
            {
                Task<ImportJob> task = client.GetImportProgressAsync(Emulator.MilvusJob);
                Assert.IsTrue(task.Wait(Bound));
                Assert.AreEqual("quick_setup", task.Result.CollectionName);
                var e = Failure<MipException>(client.GetImportProgressAsync(Emulator.MissingJob));
                Assert.AreEqual(MipCode.NotFound, e.Code);
            }
        }

        [Test]
        public void GetImportProgressAsyncCancelledDuringStallEndsPromptly()
        {
            using (MipClient client = SlowClient())
            using (var cts = new CancellationTokenSource())
            {
                Task<ImportJob> task = client.GetImportProgressAsync("fault-stall", cts.Token);
                // The call is stalled on the server (which never answers) when the token fires.
                cts.CancelAfter(TimeSpan.FromMilliseconds(300));
                Assert.IsTrue(WaitQuietly(task, Bound), "not cancelled");
                Stopwatch sinceCancel = Stopwatch.StartNew();
                var e = Assert.Catch<OperationCanceledException>(() => task.GetAwaiter().GetResult());
                Assert.AreEqual(cts.Token, e.CancellationToken);
                Assert.IsTrue(task.IsCanceled, "status " + task.Status);
                Assert.That(sinceCancel.Elapsed, Is.LessThan(Prompt));

                // The client still works afterwards.
                Assert.AreEqual(Emulator.MilvusJob, client.GetImportProgress(Emulator.MilvusJob).JobId);
            }
        }

        [Test]
        public void CancellationEndsTheStallWellBeforeTheClientTimeout()
        {
            using (MipClient client = SlowClient())
            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            {
                Stopwatch watch = Stopwatch.StartNew();
                var e = Assert.Catch<OperationCanceledException>(() => client.GetImportProgress("fault-stall", cts.Token));
                Assert.AreEqual(cts.Token, e.CancellationToken);
                Assert.IsInstanceOf<MipException>(e.InnerException);
                Assert.AreEqual(MipCode.Cancelled, ((MipException)e.InnerException).Code);
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(300) + Prompt));
            }
        }

        [Test]
        public void AlreadyCancelledTokenSendsNothing()
        {
            using (MipClient client = emulator.Client())
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                Assert.Catch<OperationCanceledException>(() => client.GetImportProgress(Emulator.MilvusJob, cts.Token));
                Task<ImportJob> task = client.GetImportProgressAsync(Emulator.MilvusJob, cts.Token);
                Failure<OperationCanceledException>(task);
                Assert.IsTrue(task.IsCanceled);
                Failure<OperationCanceledException>(client.WaitAsync(Emulator.MilvusJob, null, cts.Token));
            }
        }

        [Test]
        public void WaitAsyncRunsToCompletionAndReportsProgress()
        {
            using (Emulator fast = Emulator.Start("--speed", "1000"))
            using (MipClient client = fast.Client())
            {
                var seen = new List<ImportJob>();
                int waitingThread = -1;
                var progress = new SyncProgress<ImportJob>(job =>
                {
                    lock (seen) seen.Add(job);
                    waitingThread = Thread.CurrentThread.ManagedThreadId;
                });
                // An hour's job half done: 1.8 s of wall time at 1000x.
                Task<ImportJob> task = client.WaitAsync(Emulator.MilvusJob, progress, TimeSpan.FromMilliseconds(50),
                                                        TimeSpan.FromSeconds(60));
                Assert.IsTrue(task.Wait(Bound));
                ImportJob last = task.Result;
                Assert.AreEqual(ImportState.Completed, last.State);
                Assert.AreEqual(100, last.Progress);
                Assert.AreEqual(150000L, last.ImportedRows);
                Assert.IsNotNull(last.CompletedAt);
                Assert.AreNotEqual(Thread.CurrentThread.ManagedThreadId, waitingThread);
                lock (seen)
                {
                    Assert.That(seen.Count, Is.GreaterThanOrEqualTo(2));
                    Assert.AreEqual(ImportState.Completed, seen[seen.Count - 1].State, "the last poll is reported too");
                    for (int i = 1; i < seen.Count; i++)
                        Assert.That(seen[i].Progress, Is.GreaterThanOrEqualTo(seen[i - 1].Progress));
                    Assert.AreEqual(ImportState.Importing, seen[0].State);
                }
            }
        }

        [Test]
        public void WaitWithoutProgressAndFailedJob()
        {
            using (MipClient client = emulator.Client())
            {
                ImportJob failed = client.Wait(Emulator.FailedJob, null, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30));
                Assert.AreEqual(ImportState.Failed, failed.State);
                Assert.AreEqual(Emulator.Reason, failed.Reason);
            }
        }

        private sealed class HandlerFailure : Exception
        {
            public HandlerFailure() : base("the progress handler failed") { }
        }

        private static void ThrowingHandler(ImportJob job)
        {
            throw new HandlerFailure();
        }

        [Test]
        public void ProgressHandlerExceptionReachesTheCaller()
        {
            using (MipClient client = emulator.Client())
            {
                int calls = 0;
                var progress = new SyncProgress<ImportJob>(job =>
                {
                    Interlocked.Increment(ref calls);
                    ThrowingHandler(job);
                });
                Task<ImportJob> task = client.WaitAsync(Emulator.MilvusJob, progress, TimeSpan.FromMilliseconds(20),
                                                        TimeSpan.FromSeconds(60));
                HandlerFailure e = Failure<HandlerFailure>(task);
                Assert.IsTrue(task.IsFaulted);
                Assert.AreEqual(1, calls, "the wait stops at the first exception");
                StringAssert.Contains("ThrowingHandler", e.StackTrace, "the handler's stack is kept");

                // Synchronous wait: the same exception, unwrapped.
                Assert.Throws<HandlerFailure>(() => client.Wait(Emulator.MilvusJob, progress,
                                                                 TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(60)));
            }
        }

        [Test]
        public void WaitAsyncCancelled()
        {
            using (MipClient client = emulator.Client())
            using (var cts = new CancellationTokenSource())
            {
                var first = new ManualResetEventSlim();
                var progress = new SyncProgress<ImportJob>(job => first.Set());
                // An hour left at normal speed: only cancellation ends this.
                Task<ImportJob> task = client.WaitAsync(Emulator.MilvusJob, progress, TimeSpan.FromSeconds(10),
                                                        TimeSpan.FromMinutes(2), cts.Token);
                Stopwatch watch;
                try
                {
                    Assert.IsTrue(first.Wait(Bound), "no first poll");
                }
                finally
                {
                    watch = Stopwatch.StartNew();
                    cts.Cancel();    // during the 10 s pause
                }
                var e = Failure<OperationCanceledException>(task);
                Assert.That(watch.Elapsed, Is.LessThan(Prompt));
                Assert.AreEqual(cts.Token, e.CancellationToken);
                Assert.IsTrue(task.IsCanceled);
            }
        }

        [Test]
        public void WaitTimesOutAndEndsOnNotFound()
        {
            using (MipClient client = emulator.Client())
            {
                var e = Failure<MipException>(client.WaitAsync(Emulator.MilvusJob, null, TimeSpan.FromMilliseconds(50),
                                                               TimeSpan.FromMilliseconds(300)));
                Assert.AreEqual(MipCode.Timeout, e.Code, e.Message);

                e = Failure<MipException>(client.WaitAsync(Emulator.MissingJob));
                Assert.AreEqual(MipCode.NotFound, e.Code);

                Assert.Throws<ArgumentOutOfRangeException>(() => client.WaitAsync(Emulator.MilvusJob, null, TimeSpan.Zero,
                                                                                   Timeout.InfiniteTimeSpan));
                Assert.Throws<ArgumentOutOfRangeException>(() => client.Wait(Emulator.MilvusJob, null,
                                                                             TimeSpan.FromSeconds(1), TimeSpan.Zero));
                Assert.Throws<ArgumentNullException>(() => client.WaitAsync(null));
            }
        }
    }
}
