using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    [TestFixture]
    public class ManyTests
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

        [Test]
        public void PerIndexResults()
        {
            string[] ids =
            {
                Emulator.MilvusJob, Emulator.MissingJob, null, "", "fault-503", Emulator.FailedJob, "a\0b",
                Emulator.MilvusJob,
            };
            using (MipClient client = emulator.Client())
            {
                var results = client.GetImportProgressMany(ids);
                Assert.AreEqual(ids.Length, results.Count);
                for (int i = 0; i < ids.Length; i++) Assert.AreEqual(ids[i], results[i].JobId, "index " + i);

                Assert.IsTrue(results[0].Succeeded);
                Assert.AreEqual("quick_setup", results[0].Job.CollectionName);
                Assert.AreSame(results[0].Job, results[0].GetJobOrThrow());

                Assert.IsFalse(results[1].Succeeded);
                Assert.IsNull(results[1].Job);
                Assert.AreEqual(MipCode.NotFound, results[1].Error.Code);
                Assert.AreSame(results[1].Error, Assert.Throws<MipException>(() => results[1].GetJobOrThrow()));

                Assert.AreEqual(MipCode.InvalidArgument, results[2].Error.Code);
                Assert.AreEqual(MipCode.InvalidArgument, results[3].Error.Code);
                Assert.AreEqual(MipCode.Http, results[4].Error.Code);
                Assert.AreEqual(503, results[4].Error.HttpStatus);
                Assert.AreEqual(ImportState.Failed, results[5].Job.State);
                Assert.AreEqual(MipCode.InvalidArgument, results[6].Error.Code);
                Assert.AreEqual(Emulator.MilvusJob, results[7].Job.JobId);
                StringAssert.Contains("MIP_ERR_NOT_FOUND", results[1].ToString());
            }
        }

        [Test]
        public void EmptyAndNull()
        {
            using (MipClient client = emulator.Client())
            {
                Assert.AreEqual(0, client.GetImportProgressMany(new string[0]).Count);
                Assert.Throws<ArgumentNullException>(() => client.GetImportProgressMany(null));
            }
        }

        [Test]
        public void ManyAsyncAndCancelled()
        {
            MipOptions o = emulator.Options(MipApi.Cloud);
            o.Timeout = TimeSpan.FromSeconds(120);
            o.MaxConnections = 2;
            using (var client = new MipClient(o))
            using (var cts = new CancellationTokenSource())
            {
                var ok = client.GetImportProgressManyAsync(new[] { Emulator.MilvusJob, Emulator.UnicodeJob });
                Assert.IsTrue(ok.Wait(TimeSpan.FromSeconds(30)));
                Assert.AreEqual(Emulator.UnicodeCollection, ok.Result[1].Job.CollectionName);

                var stalled = client.GetImportProgressManyAsync(new[] { "fault-stall-a", "fault-stall-b", Emulator.MilvusJob },
                                                                cts.Token);
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
