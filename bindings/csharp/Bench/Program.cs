// SPDX-License-Identifier: Apache-2.0
// BenchmarkDotNet benchmarks of what the C# binding adds on top of libmip, against a loopback
// mip-emulator (MIP_EMULATOR_URL; bindings/csharp/bench.sh starts one):
//   Details   converting one job of many details, fetched once, into managed ImportJob /
//             ImportDetail objects: the binding's bulk read (mip_job_details_read, 512 details
//             a call) against the old way, nine accessor calls per detail (PerDetailAccessors);
//             a job created with 60,000 file groups, and fault-big-9000000 (66,175 details, the
//             job the Go binding's figure was measured on).
//   Calls     one GetImportProgress of a 2-detail job over loopback HTTP (a round trip), and
//             the conversion of that job alone.
//   dotnet run -c Release --project bindings/csharp/Bench -- [BenchmarkDotNet arguments]
using System;
using System.Collections.Generic;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mip;

public static class Program
{
    public static void Main(string[] args)
    {
        // In process: no generated project to restore and build, and the same environment
        // (LD_LIBRARY_PATH, MIP_EMULATOR_URL) for the measured code.
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                       .WithWarmupCount(3).WithIterationCount(15).WithId("InProcess"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes(new[] { typeof(Details), typeof(Calls) }).Run(args, config);
    }

    internal static string Url
    {
        get
        {
            string? url = Environment.GetEnvironmentVariable("MIP_EMULATOR_URL");
            if (string.IsNullOrEmpty(url)) throw new InvalidOperationException("MIP_EMULATOR_URL is not set (bindings/csharp/bench.sh)");
            return url;
        }
    }

    /// <summary>A job fetched once and kept as libmip's job, for conversions alone.</summary>
    internal static JobHandle Fetch(MipClient client, string id)
    {
        int code = NativeMethods.mip_get_import_progress(client.Handle, Utf8.Encode(id, "id"), CancelHandle.None,
                                                         out IntPtr j, out IntPtr err);
        if (code != 0) throw MipException.FromNative(code, err);
        return new JobHandle(j);
    }
}

[MemoryDiagnoser]
public class Details
{
    private MipClient? client;
    private JobHandle? job;

    /// <summary>"60000-groups": a job created here with 60,000 file groups; "fault-big-9000000": 66,175 details.</summary>
    [Params("60000-groups", "fault-big-9000000")]
    public string Job { get; set; } = "";

    public int DetailCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        client = new MipClient(new MipOptions { Endpoint = Program.Url, Api = MipApi.Milvus,
                                                MaxResponseBytes = 256L * 1024 * 1024, Timeout = TimeSpan.FromMinutes(2) });
        string id = Job;
        if (Job == "60000-groups")
        {
            var request = new ImportRequest("bench_details");
            for (int i = 0; i < 60000; i++) request.AddFiles("bench/part-" + i.ToString("D5", CultureInfo.InvariantCulture) + ".parquet");
            id = client.CreateImport(request);
        }
        job = Program.Fetch(client, id);
        DetailCount = (int)NativeMethods.mip_job_detail_count(job.DangerousGetHandle());
        Console.WriteLine("// " + Job + ": job " + id + ", " + DetailCount + " details");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        job?.Dispose();
        client?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ImportJob.FromNative (bulk: mip_job_details_read)")]
    public ImportJob Bulk()
    {
        return ImportJob.FromNative(job!.DangerousGetHandle());
    }

    [Benchmark(Description = "nine accessor calls per detail (the old way)")]
    public ImportDetail[] PerDetailAccessors()
    {
        IntPtr j = job!.DangerousGetHandle();
        int n = (int)NativeMethods.mip_job_detail_count(j);
        var details = new ImportDetail[n];
        var state = new Utf8.LastValue();
        var complete = new Utf8.LastValue();
        var reason = new Utf8.LastValue();
        for (int i = 0; i < n; i++)
        {
            IntPtr d = NativeMethods.mip_job_detail(j, (nuint)i);
            details[i] = ImportDetail.Create(Utf8.FromNative(NativeMethods.mip_detail_file_name(d)),
                                             NativeMethods.mip_detail_state(d),
                                             state.Get(NativeMethods.mip_detail_state_text(d)),
                                             NativeMethods.mip_detail_progress(d),
                                             NativeMethods.mip_detail_imported_rows(d),
                                             NativeMethods.mip_detail_total_rows(d),
                                             NativeMethods.mip_detail_file_size(d),
                                             complete.Get(NativeMethods.mip_detail_complete_time(d)),
                                             reason.Get(NativeMethods.mip_detail_reason(d)));
        }
        return details;
    }
}

[MemoryDiagnoser]
public class Calls
{
    private MipClient? client;
    private JobHandle? job;

    [GlobalSetup]
    public void Setup()
    {
        client = new MipClient(new MipOptions { Endpoint = Program.Url, Api = MipApi.Milvus });
        job = Program.Fetch(client, "448761313698323001");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        job?.Dispose();
        client?.Dispose();
    }

    [Benchmark(Description = "GetImportProgress, 2-detail job, loopback round trip")]
    public ImportJob GetImportProgress()
    {
        return client!.GetImportProgress("448761313698323001");
    }

    [Benchmark(Description = "ImportJob.FromNative of that job alone")]
    public ImportJob Convert()
    {
        return ImportJob.FromNative(job!.DangerousGetHandle());
    }
}
