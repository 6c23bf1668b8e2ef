// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// <see cref="ImportJobList.IsComplete"/> crosses from libmip (<c>mip_job_list_is_complete</c>): a
    /// cloud server that repeats its page short of its count gives a list that says so (its jobs once
    /// each), one whose page holds the whole count a complete list; either way the native list is freed.
    /// </summary>
    [TestFixture]
    public class ListTests
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

        /// <summary>A cloud page of two jobs that counts <paramref name="count"/>.</summary>
        private static string Page(int count)
        {
            return "{\"code\":0,\"data\":{\"count\":" + count + ",\"currentPage\":1,\"pageSize\":2,\"records\":[" +
                   "{\"jobId\":\"job-ü-1\",\"collectionName\":\"コレクション\",\"state\":\"Importing\",\"progress\":42}," +
                   "{\"jobId\":\"job-2\",\"collectionName\":\"c\",\"state\":\"Completed\",\"progress\":100}]}}";
        }

        private static MipClient CloudClient(CreateServer server)
        {
            return new MipClient(new MipOptions { Endpoint = server.Url, Api = MipApi.Cloud, Token = "sk-cs-list-0123",
                                                  ClusterId = "in01-cslist", MaxRetries = 0 });
        }

        [TestCase(3, 2, false)]
        [TestCase(2, 1, true)]
        public void IsCompleteIsLibmipsVerdict(int count, int requests, bool complete)
        {
            int lists = MipSafeHandle.LiveCount(HandleKind.JobList);
            using (var server = new CreateServer(Page(count), null))
            using (MipClient client = CloudClient(server))
            {
                ImportJobList list = client.ListImports();
                Assert.AreEqual(requests, server.Requests, "pages asked for");
                Assert.AreEqual(complete, list.IsComplete, list.ToString());
                CollectionAssert.AreEqual(new[] { "job-ü-1", "job-2" }, list.Select(j => j.JobId).ToArray());
                Assert.AreEqual(2, list.Count);
                Assert.AreEqual("コレクション", list[0].CollectionName);
                Assert.AreEqual(ImportState.Completed, list[1].State);
                Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[2]);
                Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[-1]);
                Assert.AreEqual(complete ? "2 jobs" : "2 jobs (short of the server's count)", list.ToString());

                ImportJobList async = client.ListImportsAsync("コレクション").Result;
                Assert.AreEqual(complete, async.IsComplete);
                // Where an IReadOnlyList was taken before, it still is.
                IReadOnlyList<ImportJob> plain = client.ListImports();
                Assert.AreEqual(2, plain.Count);
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.AreEqual(lists, MipSafeHandle.LiveCount(HandleKind.JobList), "every native list freed");
        }

        [Test]
        public void TheEmulatorsListsAreComplete()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                string collection = "cs_list_" + Guid.NewGuid().ToString("N").Substring(0, 12);
                string id = client.CreateImport(new ImportRequest(collection).AddFiles("a.parquet"));
                ImportJobList list = client.ListImports(collection);
                Assert.IsTrue(list.IsComplete, "a Milvus list comes in one answer");
                Assert.AreEqual(id, list.Single().JobId);
                Assert.IsTrue(client.ListImportsAsync(collection + "_none").Wait(Bound));
                Assert.IsTrue(client.ListImports(collection + "_none").IsComplete, "an empty list is whole");
            }
        }
    }
}
