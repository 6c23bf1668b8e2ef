// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// Tasks, waits and cancellation: a CancellationToken becomes a libmip cancel token and comes
    /// back as OperationCanceledException, promptly; IProgress is told on the waiting thread; an
    /// exception a handler throws reaches the caller as it was.
    /// </summary>
    [TestFixture]
    public class AsyncTests
    {
        // Bounds for "it ended": generous, the library promises well within 100 ms.
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan CancelAfter = TimeSpan.FromMilliseconds(300);

        /// <summary>A client whose own timeout is far beyond every bound here: only cancellation ends a stall.</summary>
        private static MipClient PatientClient()
        {
            MipOptions o = SharedEmulators.Options();
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
        public void GetImportProgressAsyncSucceedsAndFails()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                Task<ImportJob> task = client.GetImportProgressAsync(Scenario.CompletedJob);
                Assert.IsTrue(task.Wait(Bound));
                Assert.AreEqual("quick_setup", task.Result.CollectionName);
                var e = Failure<MipException>(client.GetImportProgressAsync(Scenario.MissingJob));
                Assert.AreEqual(MipCode.NotFound, e.Code);
            }
        }

        [Test]
        public void GetImportProgressAsyncCancelledDuringAStallEndsPromptly()
        {
            using (MipClient client = PatientClient())
            using (var cts = new CancellationTokenSource())
            {
                Stopwatch watch = Stopwatch.StartNew();
                Task<ImportJob> task = client.GetImportProgressAsync(Scenario.StalledJob, cts.Token);
                cts.CancelAfter(CancelAfter);
                var e = Failure<OperationCanceledException>(task);
                Assert.That(watch.Elapsed, Is.LessThan(CancelAfter + Prompt));
                Assert.AreEqual(cts.Token, e.CancellationToken);
                Assert.IsTrue(task.IsCanceled, "status " + task.Status);

                // The client still works afterwards.
                Assert.AreEqual(Scenario.CompletedJob, client.GetImportProgress(Scenario.CompletedJob).JobId);
            }
        }

        [Test]
        public void CancellationEndsAStallWithLibmipsErrorInside()
        {
            using (MipClient client = PatientClient())
            using (var cts = new CancellationTokenSource(CancelAfter))
            {
                Stopwatch watch = Stopwatch.StartNew();
                var e = Assert.Catch<OperationCanceledException>(() => client.GetImportProgress(Scenario.StalledJob, cts.Token));
                Assert.That(watch.Elapsed, Is.LessThan(CancelAfter + Prompt));
                Assert.AreEqual(cts.Token, e.CancellationToken);
                Assert.IsInstanceOf<MipException>(e.InnerException);
                Assert.AreEqual(MipCode.Cancelled, ((MipException)e.InnerException).Code);
            }
        }

        [Test]
        public void AnAlreadyCancelledTokenFailsAtOnce()
        {
            using (MipClient client = SharedEmulators.Client())
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                Assert.Catch<OperationCanceledException>(() => client.GetImportProgress(Scenario.CompletedJob, cts.Token));
                Task<ImportJob> task = client.GetImportProgressAsync(Scenario.CompletedJob, cts.Token);
                Failure<OperationCanceledException>(task);
                Assert.IsTrue(task.IsCanceled);
                Failure<OperationCanceledException>(client.WaitAsync(Scenario.CompletedJob, null, cts.Token));
            }
        }

        [Test]
        public void WaitAsyncRunsToCompletionAndReportsEverySnapshot()
        {
            const string collection = "wait_to_the_end";
            using (MipClient client = SharedEmulators.Client())
            {
                var seen = new List<ImportJob>();
                var threads = new HashSet<int>();
                var progress = new SyncProgress<ImportJob>(job =>
                {
                    lock (seen)
                    {
                        seen.Add(job);
                        threads.Add(Thread.CurrentThread.ManagedThreadId);
                    }
                });
                string id = SharedEmulators.CreateJob(collection, "a.parquet", "b.parquet");
                Task<ImportJob> task = client.WaitAsync(id, progress, TimeSpan.FromMilliseconds(20), Bound);
                Assert.IsTrue(task.Wait(Bound));
                ImportJob last = task.Result;
                Assert.AreEqual(ImportState.Completed, last.State);
                Assert.AreEqual(100, last.Progress);
                Assert.AreEqual(last.TotalRows, last.ImportedRows);
                lock (seen)
                {
                    Assert.That(seen.Count, Is.GreaterThanOrEqualTo(1));
                    Assert.AreEqual(ImportState.Completed, seen[seen.Count - 1].State, "the last poll is reported too");
                    Assert.AreEqual(1, threads.Count, "one waiting thread");
                    Assert.IsFalse(threads.Contains(Thread.CurrentThread.ManagedThreadId), "not the caller's thread");
                    for (int i = 0; i < seen.Count; i++)
                    {
                        // Each snapshot was copied before libmip freed the job it lent the callback.
                        Assert.AreEqual(id, seen[i].JobId);
                        Assert.AreEqual(collection, seen[i].CollectionName);
                        Assert.AreEqual(2, seen[i].Details.Count);
                        if (i > 0) Assert.That(seen[i].Progress, Is.GreaterThanOrEqualTo(seen[i - 1].Progress));
                    }
                }
            }
        }

        [Test]
        public void WaitWithoutProgressReturnsTheTerminalSnapshot()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                ImportJob failed = client.Wait(Scenario.FailedJob, null, TimeSpan.FromMilliseconds(20), Bound);
                Assert.AreEqual(ImportState.Failed, failed.State);
                Assert.AreEqual(Scenario.FailedReason, failed.Reason);
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
        public void AProgressHandlerExceptionReachesTheCallerAsItWas()
        {
            const int throwAt = 3;
            using (MipClient client = SharedEmulators.Client())
            {
                int calls = 0;
                HandlerFailure thrown = null;
                var progress = new SyncProgress<ImportJob>(job =>
                {
                    if (Interlocked.Increment(ref calls) < throwAt) return;
                    try
                    {
                        ThrowingHandler(job);
                    }
                    catch (HandlerFailure e)
                    {
                        thrown = e;
                        throw;
                    }
                });
                Task<ImportJob> task = client.WaitAsync(Scenario.EndlessJob, progress, TimeSpan.FromMilliseconds(10), Bound);
                HandlerFailure caught = Failure<HandlerFailure>(task);
                Assert.IsTrue(task.IsFaulted);
                Assert.AreEqual(throwAt, calls, "polled until the handler threw, then stopped");
                Assert.AreSame(thrown, caught);
                StringAssert.Contains("ThrowingHandler", caught.StackTrace, "the handler's stack is kept");

                // A synchronous wait: the same kind, unwrapped.
                calls = 0;
                Assert.Throws<HandlerFailure>(() => client.Wait(Scenario.EndlessJob, progress,
                                                                 TimeSpan.FromMilliseconds(10), Bound));
                Assert.AreEqual(throwAt, calls);
            }
        }

        [Test]
        public void WaitAsyncCancelledDuringAPause()
        {
            using (MipClient client = SharedEmulators.Client())
            using (var cts = new CancellationTokenSource())
            using (var polled = new ManualResetEventSlim())
            {
                var progress = new SyncProgress<ImportJob>(job => polled.Set());
                // The job never ends and the pause is far longer than the bounds: only cancellation ends this.
                Task<ImportJob> task = client.WaitAsync(Scenario.EndlessJob, progress, TimeSpan.FromMinutes(10),
                                                        TimeSpan.FromMinutes(20), cts.Token);
                Stopwatch watch;
                try
                {
                    Assert.IsTrue(polled.Wait(Bound), "no first poll");
                }
                finally
                {
                    watch = Stopwatch.StartNew();
                    cts.Cancel();
                }
                var e = Failure<OperationCanceledException>(task);
                Assert.That(watch.Elapsed, Is.LessThan(Prompt));
                Assert.AreEqual(cts.Token, e.CancellationToken);
                Assert.IsTrue(task.IsCanceled);
            }
        }

        [Test]
        public void WaitTimeoutAndIntervalReachLibmip()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                TimeSpan interval = TimeSpan.FromMilliseconds(50), timeout = TimeSpan.FromMilliseconds(300);
                Stopwatch watch = Stopwatch.StartNew();
                var e = Failure<MipException>(client.WaitAsync(Scenario.EndlessJob, null, interval, timeout));
                Assert.AreEqual(MipCode.Timeout, e.Code, e.Message);
                // libmip gives up once the next poll would come after the deadline.
                Assert.That(watch.Elapsed, Is.InRange(timeout - interval, timeout + Prompt));

                Assert.Throws<ArgumentOutOfRangeException>(() => client.WaitAsync(Scenario.EndlessJob, null, TimeSpan.Zero,
                                                                                   Timeout.InfiniteTimeSpan));
                Assert.Throws<ArgumentOutOfRangeException>(() => client.Wait(Scenario.EndlessJob, null,
                                                                             TimeSpan.FromSeconds(1), TimeSpan.Zero));
                Assert.Throws<ArgumentNullException>(() => client.WaitAsync(null));
            }
        }
    }
}
