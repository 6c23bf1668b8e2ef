using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// MipException: every field of libmip's error copied (IsTransient included), and no token in
    /// what the binding shows. Which failure gets which code is the
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
