// SPDX-License-Identifier: Apache-2.0
using System;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// What crosses the P/Invoke boundary for one job: every field copied out of libmip's job into
    /// the right managed property, strings as UTF-8 both ways, 64-bit numbers whole, -1 as null,
    /// and every option into libmip. One flavor is enough: the core's own suite covers the flavors.
    /// </summary>
    [TestFixture]
    public class ClientTests
    {
        [Test]
        public void NativeVersionAndNames()
        {
            Match v = Regex.Match(MipClient.NativeVersion, @"^(\d+)\.(\d+)\.(\d+)");
            Assert.IsTrue(v.Success, MipClient.NativeVersion);
            int number = int.Parse(v.Groups[1].Value) * 10000 + int.Parse(v.Groups[2].Value) * 100 +
                         int.Parse(v.Groups[3].Value);
            Assert.AreEqual(number, MipClient.NativeVersionNumber);
            Assert.AreEqual("MIP_ERR_TIMEOUT", MipClient.CodeName(MipCode.Timeout));
            Assert.AreEqual("MIP_ERR_UNKNOWN", MipClient.CodeName((MipCode)999));
            Assert.AreEqual("Uncommitted", MipClient.StateName(ImportState.Uncommitted));
        }

        [Test]
        public void EveryFieldOfAJobIsCopied()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                ImportJob job = client.GetImportProgress(Scenario.CompletedJob);
                Assert.AreEqual(Scenario.CompletedJob, job.JobId, "all 18 digits");
                Assert.AreEqual("quick_setup", job.CollectionName);
                Assert.AreEqual(ImportState.Completed, job.State);
                Assert.AreEqual("Completed", job.StateText);
                Assert.IsTrue(job.IsTerminal);
                Assert.AreEqual(100, job.Progress);
                Assert.AreEqual(150000L, job.ImportedRows);
                Assert.AreEqual(150000L, job.TotalRows);
                Assert.AreEqual(3279917L + 1000000L, job.FileSize);
                Assert.AreEqual("", job.Reason);
                Assert.IsNotNull(job.CreatedAt, job.CreateTime);
                Assert.IsNotNull(job.CompletedAt, job.CompleteTime);
                StringAssert.StartsWith(Scenario.CompletedJob + " Completed 100% (150000/150000 rows)", job.ToString());

                Assert.AreEqual(2, job.Details.Count);
                ImportDetail first = job.Details[0], second = job.Details[1];
                Assert.AreEqual("[1.parquet]", first.FileName);
                Assert.AreEqual("[a.npy b.npy]", second.FileName);
                Assert.AreEqual(ImportState.Completed, first.State);
                Assert.AreEqual("Completed", first.StateText);
                Assert.AreEqual(100, first.Progress);
                Assert.AreEqual(100000L, first.ImportedRows);
                Assert.AreEqual(100000L, first.TotalRows);
                Assert.AreEqual(3279917L, first.FileSize);
                Assert.AreEqual(50000L, second.TotalRows);
                Assert.AreEqual(1000000L, second.FileSize);
                Assert.IsNotEmpty(first.CompleteTime);
                Assert.AreEqual("", first.Reason);

                // Running, so imported and total rows differ: neither is read through the other's accessor.
                ImportJob running = client.GetImportProgress(Scenario.ImportingJob);
                Assert.AreEqual(ImportState.Importing, running.State);
                Assert.IsFalse(running.IsTerminal);
                Assert.AreEqual(150000L, running.TotalRows);
                Assert.That(running.ImportedRows, Is.InRange(1L, 149999L));
                Assert.AreEqual(running.ImportedRows, running.Details.Sum(d => d.ImportedRows.Value));
                Assert.AreEqual("", running.CompleteTime);
                Assert.IsNull(running.CompletedAt);

                ImportJob failed = client.GetImportProgress(Scenario.FailedJob);
                Assert.AreEqual(ImportState.Failed, failed.State);
                Assert.IsTrue(failed.IsTerminal);
                Assert.AreEqual(Scenario.FailedReason, failed.Reason);
                Assert.AreEqual(Scenario.FailedReason, failed.Details[1].Reason);
            }
        }

        [Test]
        public void UnreportedNumbersAreNull()
        {
            // Cloud v1 reports no row counts and no state text: libmip's -1 and "".
            using (MipClient client = SharedEmulators.Client(MipApi.CloudV1))
            {
                ImportJob job = client.GetImportProgress(Scenario.ImportingJob);
                Assert.IsNull(job.TotalRows);
                Assert.IsNull(job.ImportedRows);
                Assert.IsNull(job.Details[0].TotalRows);
                Assert.AreEqual("", job.StateText);
                Assert.AreEqual(3279917L + 1024000L, job.FileSize, "a reported number next to them stays");
                StringAssert.Contains("(?/? rows)", job.ToString());
            }
        }

        [Test]
        public void StringsAreUtf8BothWays()
        {
            // Two-, three- and four-byte sequences (the last a surrogate pair in C#).
            const string collection = "données_日本_🚀";
            string id = SharedEmulators.CreateJob(collection, "fichier-é.parquet");
            using (MipClient client = SharedEmulators.Client())
            {
                ImportJob job = client.GetImportProgress(id);
                Assert.AreEqual(collection, job.CollectionName);
                Assert.AreEqual("[fichier-é.parquet]", job.Details[0].FileName);

                // In: Milvus quotes a job id it cannot parse back in its error, which libmip's message
                // carries, so the id must have left as UTF-8 and the message come back as UTF-8.
                const string unicodeId = "ünï-日本-🚀";
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(unicodeId));
                StringAssert.Contains(unicodeId, e.Message);
            }
        }

        [Test]
        public void SixtyFourBitCountsAndManyDetailsAreCopiedWhole()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                // A 1 MB answer: thousands of details whose sizes add up to some 24 GB.
                ImportJob job = client.GetImportProgress("fault-big-1000000");
                Assert.That(job.Details.Count, Is.GreaterThan(5000));
                Assert.That(job.FileSize, Is.GreaterThan((long)uint.MaxValue));
                Assert.AreEqual(job.FileSize, job.Details.Sum(d => d.FileSize.Value));
                Assert.IsTrue(job.Details.All(d => d.FileName.Length > 0));
                Assert.AreEqual(job.Details.Count, job.Details.Select(d => d.FileName).Distinct().Count());
            }
        }

        [Test]
        public void OptionsReachTheLibrary()
        {
            // A string option: the job is only in the other database.
            MipOptions o = SharedEmulators.Options();
            using (var client = new MipClient(o))
                Assert.AreEqual(MipCode.NotFound,
                                Assert.Throws<MipException>(() => client.GetImportProgress(Scenario.OtherDatabaseJob)).Code);
            o.DbName = Scenario.OtherDatabase;
            using (var client = new MipClient(o))
                Assert.AreEqual("elsewhere", client.GetImportProgress(Scenario.OtherDatabaseJob).CollectionName);

            // A 64-bit option.
            MipOptions small = SharedEmulators.Options();
            small.MaxResponseBytes = 4096;
            using (var client = new MipClient(small))
                Assert.AreEqual(MipCode.ResponseTooLarge,
                                Assert.Throws<MipException>(() => client.GetImportProgress("fault-big-100000")).Code);

            // Every other option, set, is accepted and the client works.
            MipOptions full = SharedEmulators.Options();
            full.Timeout = TimeSpan.FromSeconds(5);
            full.ConnectTimeout = TimeSpan.FromMilliseconds(1500.5);
            full.MaxRetries = 1;
            full.TlsVerify = false;
            full.UserAgent = "mip-csharp-test";
            full.MaxConnections = 4;
            using (var client = new MipClient(full))
                Assert.AreEqual(Scenario.CompletedJob, client.GetImportProgress(Scenario.CompletedJob).JobId);
        }

        [Test]
        public void TimeSpansBecomeWholeMillisecondsRoundedUp()
        {
            Assert.AreEqual(1501L, MipOptions.Milliseconds(TimeSpan.FromTicks(15005000)));
            Assert.AreEqual(1L, MipOptions.Milliseconds(TimeSpan.FromTicks(1)));
            Assert.AreEqual(2000L, MipOptions.Milliseconds(TimeSpan.FromSeconds(2)));
            Assert.AreEqual(0L, MipOptions.Milliseconds(TimeSpan.Zero));
            Assert.AreEqual(-1L, MipOptions.Milliseconds(TimeSpan.FromTicks(-1)), "negative stays negative: refused");
            Assert.AreEqual(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond + 1,
                            MipOptions.Milliseconds(TimeSpan.MaxValue));
        }

        [Test]
        public void ClientChecksItsOptions()
        {
            Assert.Throws<ArgumentNullException>(() => new MipClient(null));
            var e = Assert.Throws<MipException>(() => new MipClient(new MipOptions()));
            Assert.AreEqual(MipCode.InvalidArgument, e.Code, "no endpoint");
            Assert.AreEqual(0, e.Attempts);

            // A value libmip refuses: the binding names the property and libmip's code.
            MipOptions bad = SharedEmulators.Options();
            bad.MaxConnections = 0;
            e = Assert.Throws<MipException>(() => new MipClient(bad));
            Assert.AreEqual(MipCode.InvalidArgument, e.Code);
            StringAssert.Contains("MipOptions.MaxConnections", e.Message);
            StringAssert.Contains("MIP_ERR_INVALID_ARGUMENT", e.Message);
            bad = SharedEmulators.Options();
            bad.Timeout = TimeSpan.Zero;
            StringAssert.Contains("MipOptions.Timeout", Assert.Throws<MipException>(() => new MipClient(bad)).Message);

            // U+0000 would cut a C string short: refused before libmip sees it.
            bad = SharedEmulators.Options();
            bad.DbName = "a\0b";
            Assert.AreEqual("DbName", Assert.Throws<ArgumentException>(() => new MipClient(bad)).ParamName);
        }

        [Test]
        public void BadJobIds()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                Assert.Throws<ArgumentNullException>(() => client.GetImportProgress(null));
                Assert.AreEqual("jobId", Assert.Throws<ArgumentException>(() => client.GetImportProgress("4487\0" + "61")).ParamName);
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(""));
                Assert.AreEqual(MipCode.InvalidArgument, e.Code);
                Assert.AreEqual(0, e.Attempts);
            }
        }
    }
}
