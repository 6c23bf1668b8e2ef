// SPDX-License-Identifier: Apache-2.0
using System;
using System.Reflection;
using System.Runtime.Serialization;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// MipException: every field of libmip's error copied (IsTransient and JobId included), and no
    /// token in what the binding shows. Which failure gets which code is the
    /// core's to test; two failures show the fields are read.
    /// </summary>
    [TestFixture]
    public class ErrorTests
    {
        [Test]
        public void FieldsOfAPermanentError()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(Scenario.MissingJob));
                Assert.AreEqual(MipCode.NotFound, e.Code, e.Message);
                Assert.AreEqual("MIP_ERR_NOT_FOUND", e.CodeName);
                Assert.AreEqual(200, e.HttpStatus);
                Assert.AreEqual(2100L, e.ServerCode);
                Assert.AreEqual(1, e.Attempts);
                Assert.IsFalse(e.IsTransient);
                Assert.IsNull(e.IdempotencyKey, "not a create");
                Assert.IsNull(e.JobId, "the answer named no job");
                StringAssert.Contains(Scenario.MissingJob, e.Message, "the server's words are in libmip's message");
            }
        }

        [Test]
        public void FieldsOfATransientError()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress("fault-503"));
                Assert.AreEqual(MipCode.Http, e.Code, e.Message);
                Assert.AreEqual(503, e.HttpStatus);
                Assert.AreEqual(0L, e.ServerCode);
                Assert.AreEqual(1, e.Attempts, "MaxRetries = 0");
                Assert.IsTrue(e.IsTransient);
            }
        }

        [Test]
        public void ACreateRefusedByItsStatusKeepsTheJobItNames()
        {
            const string key = "idem-cs-500-envelope";
            MipException e;
            using (var server = new CreateServer("{\"code\":0,\"data\":{\"jobId\":\"123\"}}", null, 500))
            {
                var o = new MipOptions { Endpoint = server.Url, Api = MipApi.Milvus, MaxRetries = 0 };
                using (var client = new MipClient(o))
                {
                    var request = new ImportRequest("c") { IdempotencyKey = key }.AddFiles("a.parquet");
                    e = Assert.Throws<MipException>(() => client.CreateImport(request));
                    // The async form builds its exception the same way.
                    Task<string> task = client.CreateImportAsync(request);
                    var faulted = Assert.Throws<AggregateException>(() => task.Wait(TimeSpan.FromSeconds(30)));
                    var inner = faulted.InnerException as MipException;
                    Assert.IsNotNull(inner, faulted.ToString());
                    Assert.AreEqual("123", inner.JobId);
                }
                Assert.AreEqual(2, server.Requests, "a failed create is not retried");
            }
            // A managed copy: it outlives the client, the server and libmip's error.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.AreEqual(MipCode.Server, e.Code, e.Message);
            Assert.AreEqual(500, e.HttpStatus);
            Assert.AreEqual(0L, e.ServerCode, "a success envelope: code 0");
            Assert.AreEqual(1, e.Attempts);
            Assert.AreEqual("123", e.JobId);
            StringAssert.Contains("123", e.Message);
            StringAssert.Contains("Idempotency-Key " + key + " ", e.Message);
            Assert.AreEqual(key, e.IdempotencyKey);

            // Serialized and read back, the job id stays.
#pragma warning disable SYSLIB0050
            var info = new SerializationInfo(typeof(MipException), new FormatterConverter());
#pragma warning restore SYSLIB0050
            e.GetObjectData(info, default);
            var copy = (MipException)typeof(MipException)
                .GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, null,
                                new[] { typeof(SerializationInfo), typeof(StreamingContext) }, null)
                .Invoke(new object[] { info, default(StreamingContext) });
            Assert.AreEqual("123", copy.JobId);
            Assert.AreEqual(key, copy.IdempotencyKey);
            Assert.AreEqual(MipCode.Server, copy.Code);
        }

        [Test]
        public void TheTokenReachesTheServerAndNoMessage()
        {
            // The secret is the test's own; assertion messages never show it.
            const string wrong = "sk-wrong-5ecr3t-api-key-0123456789";
            var o = new MipOptions { Endpoint = SharedEmulators.AuthUrl, MaxRetries = 0, Token = wrong };
            using (var client = new MipClient(o))
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress(Scenario.CompletedJob));
                Assert.AreEqual(MipCode.Auth, e.Code, e.Message);
                Assert.IsFalse(e.ToString().Contains("5ecr3t"), "the exception shows the token");
            }
            o.Token = SharedEmulators.Token;
            using (var client = new MipClient(o))
                Assert.AreEqual(Scenario.CompletedJob, client.GetImportProgress(Scenario.CompletedJob).JobId);
        }

        [Test]
        public void ARefusedTokenIsNotEchoed()
        {
            MipOptions o = SharedEmulators.Options();
            o.Token = "sk-bad\n5ecr3t";    // a control character: libmip refuses it
            var e = Assert.Throws<MipException>(() => new MipClient(o));
            Assert.AreEqual(MipCode.InvalidArgument, e.Code);
            StringAssert.Contains("MipOptions.Token", e.Message);
            Assert.IsFalse(e.ToString().Contains("5ecr3t"), "the exception shows the token");
        }
    }
}
