// SPDX-License-Identifier: Apache-2.0
using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// GetImportProgressMany: the ids marshalled as one array of C strings, one result per index
    /// (a null, empty or NUL-holding id failing alone), and the token cancelling every request.
    /// </summary>
    [TestFixture]
    public class ManyTests
    {
        [Test]
        public void PerIndexResults()
        {
            string[] ids =
            {
                Scenario.CompletedJob, Scenario.MissingJob, null, "", Scenario.FailedJob, "a\0b", Scenario.ImportingJob,
            };
            using (MipClient client = SharedEmulators.Client())
            {
                var results = client.GetImportProgressMany(ids);
                Assert.AreEqual(ids.Length, results.Count);
                for (int i = 0; i < ids.Length; i++) Assert.AreEqual(ids[i], results[i].JobId, "index " + i);

                Assert.IsTrue(results[0].Succeeded);
                Assert.AreEqual(Scenario.CompletedJob, results[0].Job.JobId);
                Assert.AreSame(results[0].Job, results[0].GetJobOrThrow());

                Assert.IsFalse(results[1].Succeeded);
                Assert.IsNull(results[1].Job);
                Assert.AreEqual(MipCode.NotFound, results[1].Error.Code);
                Assert.AreEqual(2100L, results[1].Error.ServerCode);
                Assert.AreSame(results[1].Error, Assert.Throws<MipException>(() => results[1].GetJobOrThrow()));
                StringAssert.Contains("MIP_ERR_NOT_FOUND", results[1].ToString());

                Assert.AreEqual(MipCode.InvalidArgument, results[2].Error.Code);
                Assert.AreEqual(MipCode.InvalidArgument, results[3].Error.Code);
                Assert.AreEqual(ImportState.Failed, results[4].Job.State);
                Assert.AreEqual(MipCode.InvalidArgument, results[5].Error.Code);
                Assert.AreEqual(Scenario.ImportingJob, results[6].Job.JobId, "the ids after a refused one keep their places");
            }
        }

        [Test]
        public void EmptyAndNull()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                Assert.AreEqual(0, client.GetImportProgressMany(new string[0]).Count);
                Assert.Throws<ArgumentNullException>(() => client.GetImportProgressMany(null));
            }
        }

        [Test]
        public void ManyAsyncAndCancelled()
        {
            MipOptions o = SharedEmulators.Options();
            o.Timeout = TimeSpan.FromSeconds(120);
            o.MaxConnections = 2;
            using (var client = new MipClient(o))
            using (var cts = new CancellationTokenSource())
            {
                var ok = client.GetImportProgressManyAsync(new[] { Scenario.CompletedJob, Scenario.ImportingJob });
                Assert.IsTrue(ok.Wait(TimeSpan.FromSeconds(30)));
                Assert.AreEqual(ImportState.Completed, ok.Result[0].Job.State);
                Assert.AreEqual(ImportState.Importing, ok.Result[1].Job.State);

                string[] ids = { Scenario.StalledJob + "-a", Scenario.StalledJob + "-b", Scenario.CompletedJob };
                var stalled = client.GetImportProgressManyAsync(ids, cts.Token);
                cts.CancelAfter(TimeSpan.FromMilliseconds(300));
                try
                {
                    Assert.IsTrue(stalled.Wait(TimeSpan.FromSeconds(30)), "not cancelled");
                }
                catch (AggregateException)
                {
                }
                var e = Assert.Catch<OperationCanceledException>(() => stalled.GetAwaiter().GetResult());
                Assert.AreEqual(cts.Token, e.CancellationToken);
            }
        }
    }
}
