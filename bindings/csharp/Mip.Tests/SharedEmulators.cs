// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// The two mip-emulators every binding suite tests against, started by run_tests.sh (through
    /// tests/support/emulator.sh) and found through the environment. Both serve the shared scenario
    /// (<see cref="Scenario"/>).
    /// </summary>
    internal static class SharedEmulators
    {
        /// <summary>The emulator that checks no token.</summary>
        internal static string Url
        {
            get { return Required("MIP_EMULATOR_URL"); }
        }

        /// <summary>The emulator that requires <see cref="Token"/>.</summary>
        internal static string AuthUrl
        {
            get { return Required("MIP_EMULATOR_AUTH_URL"); }
        }

        /// <summary>The token <see cref="AuthUrl"/> accepts. A secret: never put it in an assertion message.</summary>
        internal static string Token
        {
            get { return Required("MIP_EMULATOR_TOKEN"); }
        }

        /// <summary>Options for <see cref="Url"/>; cloud flavors get the token and cluster they require.</summary>
        internal static MipOptions Options(MipApi api = MipApi.Milvus)
        {
            // No retries: a test that provokes a failure sees it at once.
            var o = new MipOptions { Endpoint = Url, Api = api, MaxRetries = 0 };
            if (api != MipApi.Milvus)
            {
                o.Token = "any-token";
                o.ClusterId = "in01-csharp";
            }
            return o;
        }

        internal static MipClient Client(MipApi api = MipApi.Milvus)
        {
            return new MipClient(Options(api));
        }

        /// <summary>
        /// Creates a Milvus job through the emulator's create route, one file group per path; it
        /// reaches 100 % 0.2 s later. Returns its id.
        /// </summary>
        internal static string CreateJob(string collectionName, params string[] paths)
        {
            var json = new StringBuilder("{\"collectionName\":").Append(JsonString(collectionName)).Append(",\"files\":[");
            for (int i = 0; i < paths.Length; i++)
                json.Append(i > 0 ? "," : "").Append('[').Append(JsonString(paths[i])).Append(']');
            json.Append("]}");
            string answer = Post("/v2/vectordb/jobs/import/create", json.ToString());
            Match id = Regex.Match(answer, "\"jobId\":\"([0-9]+)\"");
            if (!id.Success) throw new InvalidOperationException("the emulator created no job: " + answer);
            return id.Groups[1].Value;
        }

        /// <summary>
        /// One HTTP/1.1 POST to <see cref="Url"/>; returns the whole answer. A plain socket: it is
        /// the same on Mono and .NET (whose WebClient is obsolete), and knows no proxy.
        /// </summary>
        private static string Post(string path, string json)
        {
            var utf8 = new UTF8Encoding(false);
            byte[] body = utf8.GetBytes(json);
            var endpoint = new Uri(Url);
            using (var tcp = new TcpClient())
            {
                tcp.SendTimeout = tcp.ReceiveTimeout = 30000;
                tcp.Connect(endpoint.Host, endpoint.Port);
                using (NetworkStream stream = tcp.GetStream())
                {
                    byte[] head = Encoding.ASCII.GetBytes("POST " + path + " HTTP/1.1\r\nHost: " + endpoint.Authority +
                                                          "\r\nContent-Type: application/json\r\nContent-Length: " +
                                                          body.Length + "\r\nConnection: close\r\n\r\n");
                    stream.Write(head, 0, head.Length);
                    stream.Write(body, 0, body.Length);
                    using (var reader = new StreamReader(stream, utf8))
                        return reader.ReadToEnd();
                }
            }
        }

        private static string JsonString(string s)
        {
            return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        }

        private static string Required(string name)
        {
            string value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
                Assert.Fail(name + " is not set: run these tests with bindings/csharp/run_tests.sh BUILD_DIR, " +
                            "which starts the shared emulators");
            return value;
        }
    }
}
