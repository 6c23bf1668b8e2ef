// Measures what the C# binding adds on top of libmip, against a loopback mip-emulator:
//   1. per-call overhead of MipClient.GetImportProgress over the same call made through raw
//      P/Invoke declarations (interleaved, many iterations, medians);
//   2. the time to copy a ~60,000-detail job into managed ImportJob / ImportDetail objects
//      (the job is fetched once; only the conversion is timed).
// Run by `MIP_CSHARP_BENCH=1 bindings/csharp/run_tests.sh BUILD_DIR`, against the shared emulator
// that script starts (MIP_EMULATOR_URL).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Mip;

internal static class Raw
{
    private const string Lib = "mip";

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern IntPtr mip_options_new();
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern void mip_options_free(IntPtr o);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int mip_options_set_endpoint(IntPtr o, byte[] url);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int mip_options_set_api(IntPtr o, int api);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int mip_client_new(IntPtr o, out IntPtr client, out IntPtr err);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern void mip_client_free(IntPtr c);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int mip_get_import_progress(IntPtr c, byte[] jobId, IntPtr cancel, out IntPtr job,
                                                       out IntPtr err);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern void mip_error_free(IntPtr e);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int mip_job_state(IntPtr j);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int mip_job_progress(IntPtr j);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern UIntPtr mip_job_detail_count(IntPtr j);
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern void mip_job_free(IntPtr j);

    internal static byte[] Z(string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s);
        Array.Resize(ref b, b.Length + 1);
        return b;
    }

    internal static IntPtr Client(string url)
    {
        IntPtr o = mip_options_new();
        mip_options_set_endpoint(o, Z(url));
        mip_options_set_api(o, 1);
        IntPtr c, err;
        if (mip_client_new(o, out c, out err) != 0) throw new InvalidOperationException("mip_client_new failed");
        mip_options_free(o);
        return c;
    }

    internal static IntPtr Fetch(IntPtr client, byte[] id)
    {
        IntPtr job, err;
        int code = mip_get_import_progress(client, id, IntPtr.Zero, out job, out err);
        if (code != 0)
        {
            mip_error_free(err);
            throw new InvalidOperationException("mip_get_import_progress: code " + code);
        }
        return job;
    }
}

internal static class Bench
{
    // The shared scenario's job half-way through an hour: two details, Importing for the whole run.
    private const string JobId = "448761313698322999";

    private static double Median(List<double> xs)
    {
        xs.Sort();
        int n = xs.Count;
        return n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
    }

    private static double Pct(List<double> sorted, double p)
    {
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }

    private static double Us(long ticks)
    {
        return ticks * 1e6 / Stopwatch.Frequency;
    }

    private static int Main(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0]) : 5000;
        string url = Environment.GetEnvironmentVariable("MIP_EMULATOR_URL");
        if (string.IsNullOrEmpty(url))
        {
            Console.Error.WriteLine("MIP_EMULATOR_URL is not set: run MIP_CSHARP_BENCH=1 bindings/csharp/run_tests.sh BUILD_DIR");
            return 2;
        }
        Console.WriteLine("mip {0}, Mono {1}, {2} iterations per side, loopback {3}", MipClient.NativeVersion,
                          Type.GetType("Mono.Runtime") != null ? "yes" : "no", iterations, url);
        PerCall(url, iterations);
        BigJob(url);
        return 0;
    }

    private static void PerCall(string url, int iterations)
    {
        IntPtr raw = Raw.Client(url);
        byte[] id = Raw.Z(JobId);
        using (var client = new MipClient(new MipOptions { Endpoint = url, Api = MipApi.Milvus }))
        {
            long sink = 0;
            for (int i = 0; i < 300; i++)
            {
                IntPtr j = Raw.Fetch(raw, id);
                sink += Raw.mip_job_progress(j);
                Raw.mip_job_free(j);
                sink += client.GetImportProgress(JobId).Details.Count;
            }
            var rawTimes = new List<double>(iterations);
            var wrapTimes = new List<double>(iterations);
            for (int i = 0; i < iterations; i++)
            {
                // Interleaved, alternating which goes first, so drift hits both sides alike.
                for (int side = 0; side < 2; side++)
                {
                    bool wrapper = (side == 0) == (i % 2 == 0);
                    long t0 = Stopwatch.GetTimestamp();
                    if (wrapper)
                    {
                        ImportJob job = client.GetImportProgress(JobId);
                        sink += job.Progress.GetValueOrDefault() + job.Details.Count;
                    }
                    else
                    {
                        IntPtr j = Raw.Fetch(raw, id);
                        sink += Raw.mip_job_state(j) + Raw.mip_job_progress(j) +
                                (long)Raw.mip_job_detail_count(j).ToUInt64();
                        Raw.mip_job_free(j);
                    }
                    long t1 = Stopwatch.GetTimestamp();
                    (wrapper ? wrapTimes : rawTimes).Add(Us(t1 - t0));
                }
            }
            // The copy alone, timed right after a fetch (as inside GetImportProgress: caches cold
            // after the thread slept through the round trip).
            var coldCopyTimes = new List<double>(iterations);
            for (int i = 0; i < iterations; i++)
            {
                IntPtr j = Raw.Fetch(raw, id);
                long t0 = Stopwatch.GetTimestamp();
                sink += ImportJob.FromNative(j).Details.Count;
                coldCopyTimes.Add(Us(Stopwatch.GetTimestamp() - t0));
                Raw.mip_job_free(j);
            }
            double rawMedian = Median(rawTimes), wrapMedian = Median(wrapTimes);
            Console.WriteLine();
            Console.WriteLine("Per call, GET of a 2-detail job over loopback HTTP:");
            Console.WriteLine("  raw P/Invoke          median {0,8:F1} us  (p10 {1:F1}, p90 {2:F1})", rawMedian,
                              Pct(rawTimes, 0.1), Pct(rawTimes, 0.9));
            Console.WriteLine("  MipClient             median {0,8:F1} us  (p10 {1:F1}, p90 {2:F1})", wrapMedian,
                              Pct(wrapTimes, 0.1), Pct(wrapTimes, 0.9));
            Console.WriteLine("  overhead              median {0,8:F1} us  ({1:+0.0;-0.0}%)", wrapMedian - rawMedian,
                              100 * (wrapMedian - rawMedian) / rawMedian);
            Console.WriteLine("  calls over 20 ms: raw {0:F1}%, MipClient {1:F1}% (the same on both sides: server / TCP)",
                              100.0 * rawTimes.FindAll(t => t > 20000).Count / rawTimes.Count,
                              100.0 * wrapTimes.FindAll(t => t > 20000).Count / wrapTimes.Count);

            // The managed side alone, without HTTP: copying that same job, repeated.
            IntPtr one = Raw.Fetch(raw, id);
            var copyTimes = new List<double>();
            for (int i = 0; i < 2000; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int k = 0; k < 100; k++) sink += ImportJob.FromNative(one).Details.Count;
                copyTimes.Add(Us(Stopwatch.GetTimestamp() - t0) / 100);
            }
            Raw.mip_job_free(one);
            Console.WriteLine("  copy of that job into ImportJob alone: right after a fetch median {0:F2} us; " +
                              "in a hot loop median {1:F2} us", Median(coldCopyTimes), Median(copyTimes));
            if (sink == 42) Console.WriteLine();
        }
        Raw.mip_client_free(raw);
    }

    private static void BigJob(string url)
    {
        IntPtr raw = Raw.Client(url);
        IntPtr job = Raw.Fetch(raw, Raw.Z("fault-big-9000000"));
        try
        {
            ulong count = Raw.mip_job_detail_count(job).ToUInt64();
            if (count < 60000) throw new InvalidOperationException("only " + count + " details");
            var times = new List<double>();
            double first = 0;
            long allocated = 0;
            for (int i = 0; i < 21; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long before = GC.GetTotalMemory(false);
                long t0 = Stopwatch.GetTimestamp();
                ImportJob copy = ImportJob.FromNative(job);
                double ms = Us(Stopwatch.GetTimestamp() - t0) / 1000;
                if (i == 0)
                {
                    first = ms;
                    allocated = GC.GetTotalMemory(false) - before;
                }
                else
                {
                    times.Add(ms);
                }
                if ((ulong)copy.Details.Count != count || copy.Details[(int)count - 1].FileName.Length == 0)
                    throw new InvalidOperationException("bad copy");
            }
            double median = Median(times);
            times.Sort();
            Console.WriteLine();
            Console.WriteLine("Copy of a {0}-detail job (fault-big-9000000, fetched once) into managed objects:", count);
            Console.WriteLine("  first {0:F2} ms; 20 more (after a full GC each): median {1:F2} ms, best {2:F2} ms; " +
                              "{3:F0} ns per detail; ~{4:F1} MB allocated",
                              first, median, times[0], median * 1e6 / count, allocated / 1e6);
        }
        finally
        {
            Raw.mip_job_free(job);
            Raw.mip_client_free(raw);
        }
    }
}
