// SPDX-License-Identifier: Apache-2.0
using System.Reflection;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// Defaults are libmip's: an option nobody set is not passed on, and the one default the binding
    /// must write down (the poll interval of the waits without one) matches mip.h.
    /// </summary>
    [TestFixture]
    public class DefaultsTests
    {
        [Test]
        public void DefaultPollIntervalIsMipH()
        {
            Assert.AreEqual(MipHeader.Define("MIP_DEFAULT_POLL_INTERVAL_MS"),
                            (long)MipClient.DefaultPollInterval.TotalMilliseconds);
        }

        [Test]
        public void NewOptionsHoldNoValueOfTheirOwn()
        {
            var options = new MipOptions();
            foreach (PropertyInfo p in typeof(MipOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Assert.IsNull(p.GetValue(options, null), p.Name + " has a value nobody set");
        }

        [Test]
        public void AnUnsetOptionGetsLibmipsDefault()
        {
            // MaxRetries left unset: libmip retries the 503 its default number of times.
            var options = new MipOptions { Endpoint = SharedEmulators.Url };
            using (var client = new MipClient(options))
            {
                var e = Assert.Throws<MipException>(() => client.GetImportProgress("fault-503"));
                Assert.AreEqual(1 + MipHeader.Define("MIP_DEFAULT_MAX_RETRIES"), (long)e.Attempts, e.Message);
            }
        }
    }
}
