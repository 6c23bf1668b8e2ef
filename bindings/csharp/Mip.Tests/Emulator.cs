using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Mip.Tests
{
    /// <summary>
    /// A mip-emulator process on a free loopback port (MIP_EMULATOR names the binary). Dispose kills it.
    /// </summary>
    internal sealed class Emulator : IDisposable
    {
        // Jobs every emulator serves (tests/emulator/scenario.json's jobs, plus a Unicode one).
        internal const string MilvusJob = "448761313698322999";   // two files, half-way through an hour
        internal const string FailedJob = "448761313698323000";   // has a file named bad_fail.parquet
        internal const string AnalyticsJob = "job-01fa0e5d42cjxudhpuehyp"; // in database "analytics"
        internal const string UnicodeJob = "job-ünï-日本-€";       // cloud flavors only (Milvus ids are numeric)
        internal const string UnicodeCollection = "données_日本_🚀";
        internal const string MissingJob = "448761313698399999";
        internal const string Reason = "the data file is corrupted";

        private const string ScenarioJson = @"{
  ""jobs"": [
    {
      ""jobId"": ""448761313698322999"",
      ""collectionName"": ""quick_setup"",
      ""durationSeconds"": 3600,
      ""elapsedSeconds"": 1800,
      ""files"": [
        {""paths"": [""1.parquet""], ""rows"": 100000, ""size"": 3279917},
        {""paths"": [""a.npy"", ""b.npy""], ""rows"": 50000, ""size"": 1024000}
      ]
    },
    {
      ""jobId"": ""job-01fa0e5d42cjxudhpuehyp"",
      ""collectionName"": ""medium_articles"",
      ""database"": ""analytics"",
      ""elapsedSeconds"": 100,
      ""files"": [{""paths"": [""folder/1/""], ""rows"": 5979, ""size"": 26571700}]
    },
    {
      ""jobId"": ""448761313698323000"",
      ""collectionName"": ""broken"",
      ""elapsedSeconds"": 100,
      ""reason"": ""the data file is corrupted"",
      ""files"": [""ok.parquet"", ""bad_fail.parquet""]
    },
    {
      ""jobId"": ""job-ünï-日本-€"",
      ""collectionName"": ""données_日本_🚀"",
      ""durationSeconds"": 3600,
      ""files"": [{""paths"": [""fichier-é.parquet""], ""rows"": 10, ""size"": 1000}]
    }
  ]
}";

        private static readonly object ScenarioLock = new object();
        private static string scenarioPath;

        private Process process;

        public int Port { get; private set; }

        public string Url
        {
            get { return "http://127.0.0.1:" + Port; }
        }

        /// <summary>Starts an emulator serving the scenario, with extra flags; waits (bounded) for its port.</summary>
        public static Emulator Start(params string[] flags)
        {
            string binary = Environment.GetEnvironmentVariable("MIP_EMULATOR");
            if (string.IsNullOrEmpty(binary) || !File.Exists(binary))
                throw new InvalidOperationException("set MIP_EMULATOR to the mip-emulator binary (got '" + binary + "')");
            var args = new List<string> { "--port", "0", "--scenario", ScenarioPath() };
            args.AddRange(flags);
            var info = new ProcessStartInfo(binary, string.Join(" ", args.ConvertAll(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardInput = false,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            var emulator = new Emulator { process = Process.Start(info) };
            try
            {
                var line = emulator.process.StandardOutput.ReadLineAsync();
                if (!line.Wait(TimeSpan.FromSeconds(15)))
                    throw new TimeoutException("mip-emulator printed no port within 15 s");
                int port;
                if (line.Result == null || !int.TryParse(line.Result.Trim(), out port))
                    throw new InvalidOperationException("mip-emulator's first line is not a port: '" + line.Result + "'");
                emulator.Port = port;
                return emulator;
            }
            catch
            {
                emulator.Dispose();
                throw;
            }
        }

        /// <summary>Options for this emulator in a flavor; cloud flavors get a token and a cluster.</summary>
        public MipOptions Options(MipApi api, string token = "k")
        {
            var o = new MipOptions { Endpoint = Url, Api = api, Token = token, MaxRetries = 0 };
            if (api != MipApi.Milvus) o.ClusterId = "in01-csharp";
            return o;
        }

        public MipClient Client(MipApi api = MipApi.Milvus, string token = "k")
        {
            return new MipClient(Options(api, token));
        }

        public void Dispose()
        {
            if (process == null) return;
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
            process = null;
        }

        private static string ScenarioPath()
        {
            lock (ScenarioLock)
            {
                if (scenarioPath == null)
                {
                    // run_tests.sh points MIP_CSHARP_TMP at its own directory, removed afterwards.
                    string dir = Environment.GetEnvironmentVariable("MIP_CSHARP_TMP");
                    if (string.IsNullOrEmpty(dir)) dir = Path.GetTempPath();
                    string path = Path.Combine(dir, "mip-csharp-scenario-" + Guid.NewGuid().ToString("N") + ".json");
                    File.WriteAllText(path, ScenarioJson, new UTF8Encoding(false));
                    EventHandler delete = (s, e) =>
                    {
                        try { File.Delete(path); } catch (IOException) { }
                    };
                    AppDomain.CurrentDomain.DomainUnload += delete;   // NUnit runs tests in a domain of their own
                    AppDomain.CurrentDomain.ProcessExit += delete;
                    scenarioPath = path;
                }
                return scenarioPath;
            }
        }

        private static string Quote(string arg)
        {
            return "\"" + arg.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        }
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post to a sync context).</summary>
    internal sealed class SyncProgress<T> : IProgress<T>
    {
        private readonly Action<T> report;

        public SyncProgress(Action<T> report)
        {
            this.report = report;
        }

        public void Report(T value)
        {
            report(value);
        }
    }
}
