using System;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Mip.Tests
{
    [TestFixture]
    public class ClientTests
    {
        private static readonly MipApi[] Flavors = { MipApi.Milvus, MipApi.Cloud, MipApi.CloudV1 };

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
        public void NativeVersionAndNames()
        {
            Assert.That(Regex.IsMatch(MipClient.NativeVersion, @"^\d+\.\d+\.\d+"), MipClient.NativeVersion);
            Assert.AreEqual("MIP_ERR_TIMEOUT", MipClient.CodeName(MipCode.Timeout));
            Assert.AreEqual("MIP_ERR_UNKNOWN", MipClient.CodeName((MipCode)999));
            Assert.AreEqual("Uncommitted", MipClient.StateName(ImportState.Uncommitted));
        }

        [Test]
        public void MilvusFlavorFields()
        {
            using (MipClient client = emulator.Client(MipApi.Milvus))
            {
                ImportJob job = client.GetImportProgress(Emulator.MilvusJob);
                Assert.AreEqual(Emulator.MilvusJob, job.JobId);
                Assert.AreEqual("quick_setup", job.CollectionName);
                Assert.AreEqual(ImportState.Importing, job.State);
                Assert.AreEqual("Importing", job.StateText);
                Assert.IsFalse(job.IsTerminal);
                Assert.That(job.Progress, Is.InRange(40, 70));
                Assert.AreEqual(150000L, job.TotalRows);
                Assert.AreEqual(3279917L + 1024000L, job.FileSize);
                Assert.AreEqual("", job.Reason);
                Assert.AreEqual("", job.CompleteTime);
                Assert.IsNull(job.CompletedAt);
                Assert.IsNotNull(job.CreatedAt, job.CreateTime);
                Assert.AreEqual(2, job.Details.Count);
                Assert.AreEqual("[1.parquet]", job.Details[0].FileName);
                Assert.AreEqual("[a.npy b.npy]", job.Details[1].FileName);
                Assert.AreEqual(3279917L, job.Details[0].FileSize);
                Assert.AreEqual(100000L, job.Details[0].TotalRows);
                Assert.AreEqual("InProgress", job.Details[0].StateText);
                Assert.AreEqual(ImportState.Importing, job.Details[0].State);
                Assert.AreEqual(job.ImportedRows, job.Details.Sum(d => d.ImportedRows.Value));
                StringAssert.StartsWith(Emulator.MilvusJob + " Importing ", job.ToString());
            }
        }

        [Test]
        public void CloudFlavorFields()
        {
            using (MipClient client = emulator.Client(MipApi.Cloud))
            {
                ImportJob job = client.GetImportProgress(Emulator.MilvusJob);
                Assert.AreEqual(Emulator.MilvusJob, job.JobId);
                Assert.AreEqual("quick_setup", job.CollectionName);
                Assert.AreEqual("1.parquet", job.FileName);
                Assert.AreEqual(ImportState.Importing, job.State);
                Assert.AreEqual("Importing", job.StateText);
                Assert.That(job.Progress, Is.InRange(40, 70));
                Assert.AreEqual(150000L, job.TotalRows);
                Assert.AreEqual(3279917L + 1024000L, job.FileSize);
                Assert.AreEqual(2, job.Details.Count);
                Assert.AreEqual("a.npy,b.npy", job.Details[1].FileName);
                Assert.AreEqual(50000L, job.Details[1].TotalRows);
            }
        }

        [Test]
        public void CloudV1FlavorFields()
        {
            using (MipClient client = emulator.Client(MipApi.CloudV1))
            {
                ImportJob job = client.GetImportProgress(Emulator.MilvusJob);
                Assert.AreEqual(Emulator.MilvusJob, job.JobId);
                Assert.AreEqual(ImportState.Importing, job.State);
                Assert.AreEqual("", job.StateText, "cloud v1 sends no state: it is derived");
                Assert.That(job.Progress, Is.InRange(40, 70));
                Assert.IsNull(job.TotalRows, "cloud v1 reports no row counts");
                Assert.AreEqual(3279917L + 1024000L, job.FileSize);
                Assert.AreEqual(2, job.Details.Count);
                Assert.AreEqual(1024000L, job.Details[1].FileSize);
                Assert.That(job.Details[0].Progress, Is.InRange(0, 100));
            }
        }

        [Test]
        public void FailedJobIsASuccessfulCallOnEveryFlavor()
        {
            foreach (MipApi api in Flavors)
            {
                using (MipClient client = emulator.Client(api))
                {
                    ImportJob job = client.GetImportProgress(Emulator.FailedJob);
                    Assert.AreEqual(ImportState.Failed, job.State, api.ToString());
                    Assert.IsTrue(job.IsTerminal);
                    Assert.AreEqual(Emulator.Reason, job.Reason, api.ToString());
                    Assert.AreEqual(2, job.Details.Count, api.ToString());
                    Assert.AreEqual(Emulator.Reason, job.Details[1].Reason, api.ToString());
                }
            }
        }

        [Test]
        public void MilvusDatabaseSelectsTheJob()
        {
            using (MipClient client = emulator.Client(MipApi.Milvus))
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(Emulator.AnalyticsJob));
                Assert.AreEqual(2100L, e.ServerCode);
            }
            MipOptions o = emulator.Options(MipApi.Milvus);
            o.DbName = "analytics";
            using (var client = new MipClient(o))
                Assert.AreEqual("medium_articles", client.GetImportProgress(Emulator.AnalyticsJob).CollectionName);
        }

        [Test]
        public void UnicodeStringsRoundTrip()
        {
            foreach (MipApi api in new[] { MipApi.Cloud, MipApi.CloudV1 })
            {
                using (MipClient client = emulator.Client(api))
                {
                    ImportJob job = client.GetImportProgress(Emulator.UnicodeJob);
                    Assert.AreEqual(Emulator.UnicodeJob, job.JobId, api.ToString());
                    Assert.AreEqual(Emulator.UnicodeCollection, job.CollectionName, api.ToString());
                    Assert.AreEqual("fichier-é.parquet", job.Details[0].FileName, api.ToString());
                }
            }
        }

        [Test]
        public void UnknownJobIsNotFoundOnEveryFlavor()
        {
            long[] serverCodes = { 2100, 90144, 90144 };
            for (int i = 0; i < Flavors.Length; i++)
            {
                using (MipClient client = emulator.Client(Flavors[i]))
                {
                    var e = Assert.Throws<MipException>(() => client.GetImportProgress(Emulator.MissingJob));
                    Assert.AreEqual(MipCode.NotFound, e.Code, Flavors[i] + ": " + e.Message);
                    Assert.AreEqual("MIP_ERR_NOT_FOUND", e.CodeName);
                    Assert.AreEqual(serverCodes[i], e.ServerCode, Flavors[i].ToString());
                    Assert.AreEqual(200, e.HttpStatus, Flavors[i].ToString());
                    Assert.That(e.Attempts, Is.GreaterThanOrEqualTo(1));
                    Assert.IsNotEmpty(e.Message);
                }
            }
        }

        [Test]
        public void WrongTokenIsAnAuthErrorThatNeverShowsTheToken()
        {
            const string secret = "sk-wrong-5ecr3t-api-key-0123456789";
            long[] serverCodes = { 1800, 21119, 80020 };
            using (Emulator guarded = Emulator.Start("--token", "right-token"))
            {
                for (int i = 0; i < Flavors.Length; i++)
                {
                    using (MipClient client = guarded.Client(Flavors[i], secret))
                    {
                        var e = Assert.Throws<MipException>(() => client.GetImportProgress(Emulator.MilvusJob));
                        Assert.AreEqual(MipCode.Auth, e.Code, Flavors[i] + ": " + e.Message);
                        Assert.AreEqual(serverCodes[i], e.ServerCode, Flavors[i].ToString());
                        if (Flavors[i] == MipApi.Milvus) Assert.AreEqual(401, e.HttpStatus);
                        StringAssert.DoesNotContain(secret, e.Message);
                        StringAssert.DoesNotContain(secret, e.ToString());
                        StringAssert.DoesNotContain("5ecr3t", e.ToString());
                    }
                    using (MipClient client = guarded.Client(Flavors[i], "right-token"))
                        Assert.AreEqual(Emulator.MilvusJob, client.GetImportProgress(Emulator.MilvusJob).JobId);
                }
            }
        }

        [Test]
        public void RefusedTokenIsNotEchoed()
        {
            const string secret = "sk-bad\n5ecr3t";
            MipOptions o = emulator.Options(MipApi.Milvus, secret);
            var e = Assert.Throws<MipException>(() => new MipClient(o));
            Assert.AreEqual(MipCode.InvalidArgument, e.Code);
            StringAssert.Contains("Token", e.Message);
            StringAssert.DoesNotContain("5ecr3t", e.ToString());
        }

        [Test]
        public void ClientChecksItsOptions()
        {
            Assert.Throws<ArgumentNullException>(() => new MipClient(null));
            var e = Assert.Throws<MipException>(() => new MipClient(new MipOptions()));
            Assert.AreEqual(MipCode.InvalidArgument, e.Code);
            Assert.AreEqual(0, e.Attempts);

            MipOptions cloud = emulator.Options(MipApi.Cloud);
            cloud.ClusterId = null;
            Assert.AreEqual(MipCode.InvalidArgument, Assert.Throws<MipException>(() => new MipClient(cloud)).Code);

            MipOptions bad = emulator.Options(MipApi.Milvus);
            bad.MaxConnections = 0;
            StringAssert.Contains("MaxConnections", Assert.Throws<MipException>(() => new MipClient(bad)).Message);
            bad = emulator.Options(MipApi.Milvus);
            bad.Timeout = TimeSpan.Zero;
            StringAssert.Contains("Timeout", Assert.Throws<MipException>(() => new MipClient(bad)).Message);
            bad = emulator.Options(MipApi.Milvus);
            bad.DbName = "a\0b";
            Assert.Throws<ArgumentException>(() => new MipClient(bad));

            MipOptions full = emulator.Options(MipApi.Milvus);
            full.Timeout = TimeSpan.FromSeconds(5);
            full.ConnectTimeout = TimeSpan.FromMilliseconds(1500.5);
            full.MaxRetries = 1;
            full.TlsVerify = false;
            full.UserAgent = "mip-csharp-test";
            full.MaxResponseBytes = 1 << 20;
            full.MaxConnections = 4;
            full.DbName = "default";
            using (var client = new MipClient(full))
                Assert.AreEqual(Emulator.MilvusJob, client.GetImportProgress(Emulator.MilvusJob).JobId);
        }

        [Test]
        public void BadJobIds()
        {
            using (MipClient client = emulator.Client())
            {
                Assert.Throws<ArgumentNullException>(() => client.GetImportProgress(null));
                Assert.Throws<ArgumentException>(() => client.GetImportProgress("4487\0" + "61"));
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(""));
                Assert.AreEqual(MipCode.InvalidArgument, e.Code);
                e = Assert.Throws<MipException>(() => client.GetImportProgress("bad\nid"));
                Assert.AreEqual(MipCode.InvalidArgument, e.Code);
            }
        }

        [Test]
        public void TransportErrors()
        {
            int closedPort;
            using (Emulator gone = Emulator.Start())
                closedPort = gone.Port;
            var o = new MipOptions { Endpoint = "http://127.0.0.1:" + closedPort, MaxRetries = 0 };
            using (var client = new MipClient(o))
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(Emulator.MilvusJob));
                Assert.AreEqual(MipCode.Connect, e.Code, e.Message);
                Assert.AreEqual(0, e.HttpStatus);
            }
            using (MipClient client = emulator.Client())
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress("fault-503"));
                Assert.AreEqual(MipCode.Http, e.Code, e.Message);
                Assert.AreEqual(503, e.HttpStatus);
                Assert.AreEqual(1, e.Attempts);
            }
            MipOptions small = emulator.Options(MipApi.Milvus);
            small.MaxResponseBytes = 4096;
            using (var client = new MipClient(small))
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress("fault-big-100000"));
                Assert.AreEqual(MipCode.ResponseTooLarge, e.Code, e.Message);
            }
        }

        [Test]
        public void BigJobIsCopiedWhole()
        {
            using (MipClient client = emulator.Client())
            {
                ImportJob job = client.GetImportProgress("fault-big-1000000");
                Assert.That(job.Details.Count, Is.GreaterThan(5000));
                Assert.AreEqual(job.FileSize, job.Details.Sum(d => d.FileSize.Value));
                Assert.IsTrue(job.Details.All(d => d.FileName.Length > 0));
            }
        }
    }
}
