// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// Import jobs through the binding: an ImportRequest reaching libmip whole (UTF-8, empty strings,
    /// many groups), create / list / commit / abort against the emulator, the list's jobs copied out
    /// before the list is freed, cancellation before and during a call, and the secret key kept out
    /// of every message.
    /// </summary>
    [TestFixture]
    public class LifecycleTests
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
        private const string SecretKey = "secret-7c1d5e9a-do-not-show";

        private static string Unique(string prefix)
        {
            return prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 12);
        }

        [Test]
        public void TwoPhaseRoundTrip()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                string collection = Unique("two_phase");
                var request = new ImportRequest(collection) { AutoCommit = false }.AddFiles("a.parquet");
                string id = client.CreateImport(request);
                StringAssert.IsMatch("^[0-9]+$", id);

                ImportJob staged = client.Wait(id, null, Poll, Bound);
                Assert.AreEqual(ImportState.Uncommitted, staged.State, staged.ToString());
                Assert.AreEqual(99, staged.Progress);
                Assert.IsTrue(staged.IsTerminal);

                client.CommitImport(id);
                ImportJob done = client.Wait(id, null, Poll, Bound);
                Assert.AreEqual(ImportState.Completed, done.State, done.ToString());
                Assert.AreEqual(100, done.Progress);

                // A second commit is the server's refusal, not a success.
                var again = Assert.Throws<MipException>(() => client.CommitImport(id));
                Assert.AreEqual(MipCode.Server, again.Code);

                // Abort: a second job, aborted while staged, reads Failed; a second abort succeeds.
                string other = client.CreateImport(new ImportRequest(collection) { AutoCommit = false }.AddFiles("b.parquet"));
                Assert.AreEqual(ImportState.Uncommitted, client.Wait(other, null, Poll, Bound).State);
                client.AbortImport(other);
                client.AbortImport(other);
                ImportJob aborted = client.GetImportProgress(other);
                Assert.AreEqual(ImportState.Failed, aborted.State);
                StringAssert.Contains("abort", aborted.Reason);

                // The list of this collection: both jobs, in creation order, copied out of the list.
                int lists = MipSafeHandle.LiveCount(HandleKind.JobList);
                ImportJobList listed = client.ListImports(collection);
                Assert.AreEqual(lists, MipSafeHandle.LiveCount(HandleKind.JobList), "the native list is freed");
                Assert.IsTrue(listed.IsComplete, "a Milvus list comes in one answer");
                CollectionAssert.AreEqual(new[] { id, other }, listed.Select(j => j.JobId).ToArray());
                Assert.AreEqual(ImportState.Completed, listed[0].State);
                Assert.AreEqual(ImportState.Failed, listed[1].State);
                Assert.IsTrue(listed.All(j => j.CollectionName == collection));
                Assert.IsTrue(listed.All(j => j.Details.Count == 0), "a list has no details");
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Assert.AreEqual(collection, listed[1].CollectionName, "still readable after the list is gone");

                // All collections: these two among them.
                IReadOnlyList<ImportJob> all = client.ListImportsAsync().Result;
                Assert.That(all.Select(j => j.JobId).ToArray(), Is.SupersetOf(new[] { id, other }));
            }
        }

        [Test]
        public void AsyncFormsRunTheSameCalls()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                string collection = Unique("async");
                var request = new ImportRequest(collection) { AutoCommit = false }.AddFiles("a.parquet");
                Task<string> create = client.CreateImportAsync(request);
                request.CollectionName = "changed_after_the_call";   // the request was copied
                Assert.IsTrue(create.Wait(Bound));
                string id = create.Result;
                Assert.AreEqual(ImportState.Uncommitted, client.WaitAsync(id, null, Poll, Bound).Result.State);
                Assert.IsTrue(client.CommitImportAsync(id).Wait(Bound));
                Assert.AreEqual(ImportState.Completed, client.Wait(id, null, Poll, Bound).State);

                string other = client.CreateImportAsync(new ImportRequest(collection).AddFiles("b.parquet")).Result;
                Assert.IsTrue(client.AbortImportAsync(other).Wait(Bound));
                IReadOnlyList<ImportJob> listed = client.ListImportsAsync(collection).Result;
                CollectionAssert.AreEqual(new[] { id, other }, listed.Select(j => j.JobId).ToArray());
                Assert.AreEqual(collection, client.GetImportProgress(id).CollectionName);
            }
        }

        [Test]
        public void RequestReachesLibmipWhole()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                // UTF-8 both ways, many groups (one detail each), a two-file group, an empty partition.
                string collection = "données_集合_" + Guid.NewGuid().ToString("N").Substring(0, 8);
                var request = new ImportRequest(collection) { PartitionName = "" };
                request.AddFiles("dossier/файл_🚀.parquet");
                request.AddFiles("a.npy", "b.npy");
                for (int g = 0; g < 300; g++) request.AddFiles("group/" + g + ".json");
                request.Options["timeout"] = "300s";
                request.Options["sep"] = "";
                string id = client.CreateImport(request);
                ImportJob job = client.GetImportProgress(id);
                Assert.AreEqual(collection, job.CollectionName);
                Assert.AreEqual(302, job.Details.Count);
                Assert.AreEqual("[dossier/файл_🚀.parquet]", job.Details[0].FileName);
                Assert.AreEqual("[a.npy b.npy]", job.Details[1].FileName);
                for (int g = 0; g < 300; g++) Assert.AreEqual("[group/" + g + ".json]", job.Details[g + 2].FileName);
                Assert.AreEqual(collection, client.ListImports(collection).Single().CollectionName);
            }
        }

        [Test]
        public void IdempotencyKeyReachesTheServer()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                string key = Unique("key");
                var request = new ImportRequest(Unique("idem")) { IdempotencyKey = key }.AddFiles("a.parquet");
                string first = client.CreateImport(request);
                Assert.AreEqual(first, client.CreateImport(request), "the same key: the first job");
                request.IdempotencyKey = null;
                Assert.AreNotEqual(first, client.CreateImport(request), "no key: a new random one each time");
            }
        }

        [Test]
        public void InvalidArgumentsBeforeSending()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                Assert.Throws<ArgumentNullException>(() => client.CreateImport(null));
                Assert.Throws<ArgumentNullException>(() => client.CreateImportAsync(null));
                Assert.Throws<ArgumentNullException>(() => client.CommitImport(null));
                Assert.Throws<ArgumentNullException>(() => client.AbortImportAsync(null));
                Assert.Throws<ArgumentNullException>(() => new ImportRequest("c").AddFiles(null));
                Assert.Throws<ArgumentNullException>(() => new ImportRequest("c").AddFiles("a", null));
                Assert.Throws<ArgumentException>(() => client.CreateImport(new ImportRequest("c\0d").AddFiles("a")));
                Assert.Throws<ArgumentException>(() => client.ListImports("c\0"));

                AssertRefused(client, new ImportRequest("c"), null);                        // no group of files
                AssertRefused(client, new ImportRequest("").AddFiles("a.parquet"), "CollectionName");
                AssertRefused(client, new ImportRequest(null).AddFiles("a.parquet"), "CollectionName");
                AssertRefused(client, new ImportRequest("c").AddFiles(), "Files[0]");       // an empty group
                AssertRefused(client, new ImportRequest("c").AddFiles("a.parquet", ""), "Files[0]");
                var badOption = new ImportRequest("c").AddFiles("a.parquet");
                badOption.Options[""] = "x";
                AssertRefused(client, badOption, "Options");
                AssertRefused(client, new ImportRequest("c") { IdempotencyKey = "" }.AddFiles("a"), "IdempotencyKey");
                AssertRefused(client, new ImportRequest("c").AddFiles("a").SetObjectCredentials("ak", ""), "ObjectCredentials");
                // Keys on Milvus: what the flavor cannot carry, refused by mip_create_import itself.
                MipException keys = AssertRefused(client, new ImportRequest("c").AddFiles("a").SetObjectCredentials("ak", SecretKey), null);
                Assert.IsFalse(keys.Message.Contains(SecretKey), "the message shows the secret key");

                var commit = Assert.Throws<MipException>(() => client.CommitImport(""));
                Assert.AreEqual(MipCode.InvalidArgument, commit.Code);
                Assert.AreEqual(0, commit.Attempts);
            }
        }

        private static MipException AssertRefused(MipClient client, ImportRequest request, string property)
        {
            var e = Assert.Throws<MipException>(() => client.CreateImport(request), request.ToString());
            Assert.AreEqual(MipCode.InvalidArgument, e.Code, e.Message);
            Assert.AreEqual(0, e.Attempts, "nothing was sent");
            if (property != null) StringAssert.Contains("ImportRequest." + property, e.Message);
            return e;
        }

        [Test]
        public void TheSecretKeyIsNeverShown()
        {
            // Every check is a bare boolean: a failing one must not print the key either.
            var request = new ImportRequest("c") { PartitionName = "p", AutoCommit = false, IdempotencyKey = "k-1" }
                          .AddFiles("s3://bucket/a.parquet").SetObjectCredentials("AKIAEXAMPLE", SecretKey);
            request.Options["timeout"] = "300s";
            string text = request.ToString();
            Assert.IsFalse(text.Contains(SecretKey), "ImportRequest.ToString shows the secret key");
            StringAssert.Contains("secretKey=***", text);
            StringAssert.Contains("accessKey=AKIAEXAMPLE", text);
            StringAssert.Contains("groups=1", text);

            using (MipClient client = SharedEmulators.Client())
            {
                // A key libmip refuses (longer than 8192 bytes): the binding's message names the property only.
                var tooLong = new ImportRequest("c").AddFiles("a").SetObjectCredentials("ak", SecretKey + new string('x', 9000));
                var refused = Assert.Throws<MipException>(() => client.CreateImport(tooLong));
                Assert.AreEqual(MipCode.InvalidArgument, refused.Code);
                Assert.IsFalse(refused.ToString().Contains(SecretKey), "the refusal shows the secret key");
                // Keys on Milvus, refused by mip_create_import: libmip's message leaves the key out too.
                var milvus = Assert.Throws<MipException>(
                    () => client.CreateImport(new ImportRequest("c").AddFiles("a").SetObjectCredentials("ak", SecretKey)));
                Assert.IsFalse(milvus.ToString().Contains(SecretKey), "libmip's message shows the secret key");
            }

            // The cloud flavor carries the keys (the emulator checks and drops them).
            using (MipClient cloud = SharedEmulators.Client(MipApi.Cloud))
            {
                var created = new ImportRequest("c").AddFiles("s3://bucket/a.parquet").SetObjectCredentials("AKIAEXAMPLE", SecretKey);
                Assert.That(cloud.CreateImport(created), Is.Not.Empty);
            }
        }

        [Test]
        public void AnAlreadyCancelledTokenStartsNothing()
        {
            using (MipClient client = SharedEmulators.Client())
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                var request = new ImportRequest(Unique("never")).AddFiles("a.parquet");
                Assert.Catch<OperationCanceledException>(() => client.CreateImport(request, cts.Token));
                Assert.Catch<OperationCanceledException>(() => client.ListImports(null, cts.Token));
                Assert.Catch<OperationCanceledException>(() => client.CommitImport("1", cts.Token));
                Assert.Catch<OperationCanceledException>(() => client.AbortImport("1", cts.Token));
                Task<string> task = client.CreateImportAsync(request, cts.Token);
                Assert.IsTrue(WaitQuietly(task, Bound));
                Assert.IsTrue(task.IsCanceled, "status " + task.Status);
                Assert.AreEqual(0, client.ListImports(request.CollectionName).Count, "nothing was created");
            }
        }

        [Test]
        public void CancellationEndsCallsInFlight()
        {
            // A server that takes the connection and never answers: only cancellation ends a call.
            var hole = new TcpListener(IPAddress.Loopback, 0);
            hole.Start(64);
            try
            {
                int port = ((IPEndPoint)hole.LocalEndpoint).Port;
                var o = new MipOptions { Endpoint = "http://127.0.0.1:" + port, Api = MipApi.Milvus, MaxRetries = 0,
                                         Timeout = TimeSpan.FromSeconds(120) };
                using (var client = new MipClient(o))
                {
                    var request = new ImportRequest("c").AddFiles("a.parquet");
                    // The create's request sits in the socket's buffer: the job may exist, so its task
                    // ends Faulted with the key (CreateCancelTests has the rest).
                    OperationCanceledException created = AssertCancelledPromptly(t => client.CreateImportAsync(request, t),
                                                                                 TaskStatus.Faulted);
                    Assert.IsNotNull(((MipException)created.InnerException).IdempotencyKey);
                    AssertCancelledPromptly(t => client.ListImportsAsync("c", t));
                    AssertCancelledPromptly(t => client.CommitImportAsync("1", t));
                    AssertCancelledPromptly(t => client.AbortImportAsync("1", t));
                    // The blocking form, cancelled from a timer thread.
                    using (var cts = new CancellationTokenSource())
                    {
                        Stopwatch watch = Stopwatch.StartNew();
                        cts.CancelAfter(TimeSpan.FromMilliseconds(200));
                        var e = Assert.Catch<OperationCanceledException>(() => client.CreateImport(request, cts.Token));
                        Assert.That(watch.Elapsed, Is.LessThan(Prompt));
                        Assert.AreEqual(cts.Token, e.CancellationToken);
                        Assert.IsInstanceOf<MipException>(e.InnerException);
                        Assert.AreEqual(MipCode.Cancelled, ((MipException)e.InnerException).Code);
                    }
                }
                Assert.AreEqual(0, MipSafeHandle.LiveCount(HandleKind.Cancel) + MipSafeHandle.LiveCount(HandleKind.Request),
                                "every cancel token and request freed");
            }
            finally
            {
                hole.Stop();
            }
        }

        private static OperationCanceledException AssertCancelledPromptly(Func<CancellationToken, Task> start,
                                                                          TaskStatus status = TaskStatus.Canceled)
        {
            using (var cts = new CancellationTokenSource())
            {
                Stopwatch watch = Stopwatch.StartNew();
                Task task = start(cts.Token);
                cts.CancelAfter(TimeSpan.FromMilliseconds(200));
                Assert.IsTrue(WaitQuietly(task, Bound), "the task did not end within " + Bound);
                Assert.That(watch.Elapsed, Is.LessThan(Prompt));
                Assert.AreEqual(status, task.Status);
                var e = Assert.Catch<OperationCanceledException>(() => task.GetAwaiter().GetResult());
                Assert.AreEqual(cts.Token, e.CancellationToken);
                return e;
            }
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
    }
}
