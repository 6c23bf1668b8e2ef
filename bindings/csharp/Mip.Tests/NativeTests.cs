// SPDX-License-Identifier: Apache-2.0
using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// How the binding meets libmip: the net8.0 build's resolver (the package's file, else the
    /// SONAME, else a DllNotFoundException naming every name and place), and the bulk read of
    /// details agreeing field for field with libmip's per-detail accessors.
    /// </summary>
    [TestFixture]
    public class NativeTests
    {
        /// <summary>NativeLoader.Load of the net8.0 build; the netstandard2.0 build has none (Mono's dllmap instead).</summary>
        private static MethodInfo Loader()
        {
            Type loader = typeof(MipClient).Assembly.GetType("Mip.NativeLoader");
            if (loader == null) Assert.Ignore("this build of Mip (netstandard2.0) loads libmip by DllImport alone");
            return loader.GetMethod("Load", BindingFlags.Static | BindingFlags.NonPublic);
        }

        [Test]
        public void WithoutLibmipTheErrorNamesEveryNameAndPlace()
        {
            MethodInfo load = Loader();
            var names = new[] { "libmip-absent.so.0", "libmip-absent.so" };
            var e = Assert.Throws<TargetInvocationException>(
                () => load.Invoke(null, new object[] { "mip-absent", typeof(MipClient).Assembly, null, names }));
            Assert.IsInstanceOf<DllNotFoundException>(e.InnerException);
            string message = e.InnerException.Message;
            StringAssert.Contains("\"mip-absent\" by the runtime's probing", message);
            StringAssert.Contains("runtimes/linux-x64/native/", message);
            StringAssert.Contains(AppContext.BaseDirectory, message);
            StringAssert.Contains("\"libmip-absent.so.0\" through the system loader", message);
            StringAssert.Contains("\"libmip-absent.so\" through the system loader", message);
            StringAssert.Contains("LD_LIBRARY_PATH=", message);
            StringAssert.Contains("libmip0", message);
        }

        [Test]
        public void AFileTheLoaderRefusesIsNamedWithTheLoadersReason()
        {
            // A "libmip-refused.so" in the application's directory, where the runtime's probing
            // looks, that is no ELF file: found, but not loadable (as a libmip whose libsimdjson is
            // missing is: check_nupkg.sh tests that one).
            MethodInfo load = Loader();
            string path = System.IO.Path.Combine(AppContext.BaseDirectory, "libmip-refused.so");
            System.IO.File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            try
            {
                var e = Assert.Throws<TargetInvocationException>(
                    () => load.Invoke(null, new object[] { "mip-refused", typeof(MipClient).Assembly, null,
                                                           new[] { "libmip-refused.so.0" } }));
                Assert.IsInstanceOf<DllNotFoundException>(e.InnerException);
                string message = e.InnerException.Message;
                StringAssert.StartsWith("libmip could not be loaded. " + path +
                                        " is there, but the dynamic loader refused it: ", message);
                // dlerror's words, e.g. "...: file too short" / "invalid ELF header", not the
                // runtime's advice about strace.
                string reason = message.Substring(message.IndexOf("refused it: ", StringComparison.Ordinal));
                StringAssert.Contains(path, reason);
                StringAssert.DoesNotContain("strace", reason.Substring(0, reason.IndexOf(" (a library", StringComparison.Ordinal)));
                StringAssert.Contains("\"libmip-refused.so.0\" through the system loader", message);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Test]
        public void TheSonameIsTheFallback()
        {
            // run_tests.sh puts the private prefix's lib directory (libmip.so.0) in LD_LIBRARY_PATH.
            MethodInfo load = Loader();
            var handle = (IntPtr)load.Invoke(null, new object[] { "mip-absent", typeof(MipClient).Assembly, null,
                                                                  new[] { "libmip.so.0" } });
            Assert.AreNotEqual(IntPtr.Zero, handle);
            Assert.AreNotEqual(IntPtr.Zero, NativeLibrary.GetExport(handle, "mip_job_details_read"));
        }

        [Test]
        public unsafe void BulkDetailsAgreeWithTheAccessors()
        {
            using (MipClient client = SharedEmulators.Client())
            {
                // Several batches of mip_job_details_read, the last one partial.
                int code = NativeMethods.mip_get_import_progress(client.Handle, Utf8.Encode("fault-big-300000", "id"),
                                                                 CancelHandle.None, out IntPtr j, out IntPtr err);
                Assert.AreEqual(0, code);
                using (var job = new JobHandle(j))
                {
                    IntPtr p = job.DangerousGetHandle();
                    int n = (int)NativeMethods.mip_job_detail_count(p);
                    Assert.That(n, Is.GreaterThan(ImportJob.DetailBatch + 1));
                    Assert.AreNotEqual(0, n % ImportJob.DetailBatch, "a partial last batch");
                    var details = ImportJob.ReadDetails(p);
                    Assert.AreEqual(n, details.Count);
                    for (int i = 0; i < n; i++)
                    {
                        IntPtr d = NativeMethods.mip_job_detail(p, (nuint)i);
                        ImportDetail b = details[i];
                        Assert.AreEqual(Utf8.FromNative(NativeMethods.mip_detail_file_name(d)), b.FileName);
                        Assert.AreEqual((ImportState)NativeMethods.mip_detail_state(d), b.State);
                        Assert.AreEqual(Utf8.FromNative(NativeMethods.mip_detail_state_text(d)), b.StateText);
                        Assert.AreEqual(NativeMethods.mip_detail_progress(d), b.Progress ?? -1);
                        Assert.AreEqual(NativeMethods.mip_detail_imported_rows(d), b.ImportedRows ?? -1);
                        Assert.AreEqual(NativeMethods.mip_detail_total_rows(d), b.TotalRows ?? -1);
                        Assert.AreEqual(NativeMethods.mip_detail_file_size(d), b.FileSize ?? -1);
                        Assert.AreEqual(Utf8.FromNative(NativeMethods.mip_detail_complete_time(d)), b.CompleteTime);
                        Assert.AreEqual(Utf8.FromNative(NativeMethods.mip_detail_reason(d)), b.Reason);
                    }
                    // Repeated texts are shared, not decoded again for each detail.
                    Assert.AreEqual(1, details.Select(x => x.StateText).Distinct().Count());
                    Assert.IsTrue(ReferenceEquals(details[0].StateText, details[n - 1].StateText));

                    // The struct libmip fills is the struct the binding declares.
                    Assert.AreEqual(sizeof(DetailInfo), Marshal.SizeOf(typeof(DetailInfo)));
                    if (IntPtr.Size == 8) Assert.AreEqual(104, sizeof(DetailInfo));
                    var one = new DetailInfo[1];
                    one[0].Size = (nuint)sizeof(DetailInfo);
                    fixed (DetailInfo* o = one)
                    {
                        Assert.AreEqual((nuint)0, NativeMethods.mip_job_details_read(p, (nuint)n, o, 1), "past the end");
                        Assert.AreEqual((nuint)1, NativeMethods.mip_job_details_read(p, (nuint)(n - 1), o, 5), "fewer at the end");
                    }
                }
            }
        }
    }
}
