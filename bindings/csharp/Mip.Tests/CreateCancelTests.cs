// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// A create cancelled once the server has its request (the job may exist) keeps the
    /// Idempotency-Key, however the caller waits: <c>Wait()</c>, <c>Result</c>, <c>await</c>,
    /// <c>GetAwaiter().GetResult()</c> and the blocking call all end in the
    /// OperationCanceledException that carries the caller's token, libmip's message naming the key,
    /// and libmip's MipException with <see cref="MipException.IdempotencyKey"/>. The server cancels the
    /// token itself once it has read the whole request: no timer decides when the cancel lands.
    /// </summary>
    [TestFixture]
    public class CreateCancelTests
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
        private static readonly Regex MintedKey = new Regex("^mip-[0-9a-f]{32}$");

        private static MipClient ClientOf(CreateServer server)
        {
            // Only the cancel ends a stalled create: the client's own timeout is beyond every bound.
            return new MipClient(new MipOptions { Endpoint = server.Url, Api = MipApi.Milvus, MaxRetries = 0,
                                                  Timeout = TimeSpan.FromSeconds(60) });
        }

        private static bool EndsWithin(Task task, TimeSpan bound)
        {
            try
            {
                return task.Wait(bound);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        [TestCase("Wait", "idem-cs-wait-1")]
        [TestCase("Wait", null)]
        [TestCase("Result", "idem-cs-result-1")]
        [TestCase("Result", null)]
        [TestCase("await", "idem-cs-await-1")]
        [TestCase("await", null)]
        [TestCase("GetResult", "idem-cs-getresult-1")]
        [TestCase("GetResult", null)]
        [TestCase("blocking", "idem-cs-blocking-1")]
        [TestCase("blocking", null)]
        public async Task CancelledMidRequestKeepsTheIdempotencyKey(string form, string givenKey)
        {
            using (var cts = new CancellationTokenSource())
            using (var server = new CreateServer(null, cts.Cancel))
            using (MipClient client = ClientOf(server))
            {
                var request = new ImportRequest("c") { IdempotencyKey = givenKey }.AddFiles("a.parquet");
                OperationCanceledException e = null;
                Task<string> task = form == "blocking" ? null : client.CreateImportAsync(request, cts.Token);
                if (task != null)
                {
                    Assert.IsTrue(EndsWithin(task, Bound), "the cancelled create did not end");
                    Assert.IsTrue(task.IsFaulted, "status " + task.Status + ": a Canceled task would lose the key");
                }
                switch (form)
                {
                    case "Wait":
                        var waited = Assert.Throws<AggregateException>(() => task.Wait(Bound));
                        Assert.AreEqual(1, waited.InnerExceptions.Count);
                        e = waited.InnerException as OperationCanceledException;
                        break;
                    case "Result":
                        var result = Assert.Throws<AggregateException>(() => { _ = task.Result; });
                        e = result.InnerException as OperationCanceledException;
                        break;
                    case "await":
                        try
                        {
                            await task;
                        }
                        catch (OperationCanceledException caught)
                        {
                            e = caught;
                        }
                        break;
                    case "GetResult":
                        e = Assert.Catch<OperationCanceledException>(() => task.GetAwaiter().GetResult());
                        break;
                    case "blocking":
                        e = Assert.Catch<OperationCanceledException>(() => client.CreateImport(request, cts.Token));
                        break;
                }
                Assert.IsNotNull(e, "no OperationCanceledException");
                string sent = server.TakeKey(Bound);
                if (givenKey != null) Assert.AreEqual(givenKey, sent, "the server saw another key");
                else StringAssert.IsMatch(MintedKey.ToString(), sent, "the binding's key");

                Assert.AreEqual(cts.Token, e.CancellationToken);
                StringAssert.Contains("Idempotency-Key " + sent + " ", e.Message, "libmip's message names the key");
                var inner = e.InnerException as MipException;
                Assert.IsNotNull(inner, "no MipException inside");
                Assert.AreEqual(MipCode.Cancelled, inner.Code);
                Assert.That(inner.Attempts, Is.GreaterThanOrEqualTo(1));
                Assert.AreEqual(sent, inner.IdempotencyKey);
            }
            Assert.AreEqual(0, MipSafeHandle.LiveCount(HandleKind.Cancel) + MipSafeHandle.LiveCount(HandleKind.Request),
                            "every cancel token and request freed");
        }

        [Test]
        public void ARefusedCreateGivesTheKeyAndOtherErrorsNone()
        {
            using (var server = new CreateServer("{\"code\":1100,\"message\":\"malformed\"}", null))
            using (MipClient client = ClientOf(server))
            {
                var e = Assert.Throws<MipException>(() => client.CreateImport(new ImportRequest("c").AddFiles("a")));
                Assert.AreEqual(MipCode.Server, e.Code, e.Message);
                string sent = server.TakeKey(Bound);
                StringAssert.IsMatch(MintedKey.ToString(), sent);
                Assert.AreEqual(sent, e.IdempotencyKey, "the request was sent: its key is given back");

                // Nothing sent: no key.
                var refused = Assert.Throws<MipException>(() => client.CreateImport(new ImportRequest("").AddFiles("a")));
                Assert.AreEqual(MipCode.InvalidArgument, refused.Code);
                Assert.IsNull(refused.IdempotencyKey);
                // Not a create: no key.
                var list = Assert.Throws<MipException>(() => client.ListImports());
                Assert.IsNull(list.IdempotencyKey);
            }
        }

        [Test]
        public void CancelledBeforeSendingIsACanceledTask()
        {
            using (var cts = new CancellationTokenSource())
            using (MipClient client = SharedEmulators.Client())
            {
                cts.Cancel();
                Task<string> task = client.CreateImportAsync(new ImportRequest("c").AddFiles("a"), cts.Token);
                Assert.IsTrue(EndsWithin(task, Bound));
                Assert.IsTrue(task.IsCanceled, "status " + task.Status);
                var e = Assert.Catch<OperationCanceledException>(() => task.GetAwaiter().GetResult());
                Assert.AreEqual(cts.Token, e.CancellationToken);
            }
        }
    }

    /// <summary>
    /// An HTTP server on 127.0.0.1, port 0, for creates (and any other request): it reads each request
    /// whole, records its Idempotency-Key ("" when none), calls <c>onRequest</c>, then answers
    /// <c>answer</c> (JSON, with <c>status</c>, 200 unless given) or, when that is null, nothing until
    /// it is disposed. Bounded everywhere: 64 connections, 64 KiB of headers, 30 s per read.
    /// </summary>
    internal sealed class CreateServer : IDisposable
    {
        private const int MostConnections = 64;
        private const int MostHeaderBytes = 64 * 1024;
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly string answer;
        private readonly int status;
        private readonly Action onRequest;
        // Sockets, not TcpClients: a TcpClient closed by Dispose drops its socket (Client turns null)
        // under a thread still serving it; a closed Socket only throws ObjectDisposedException.
        private readonly List<Socket> connections = new List<Socket>();
        private readonly Queue<string> keys = new Queue<string>();
        private int requests;
        private readonly Thread acceptor;

        internal CreateServer(string answer, Action onRequest, int status = 200)
        {
            this.answer = answer;
            this.status = status;
            this.onRequest = onRequest;
            listener.Start();
            acceptor = new Thread(Accept) { IsBackground = true, Name = "CreateServer" };
            acceptor.Start();
        }

        internal string Url
        {
            get { return "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port; }
        }

        /// <summary>How many requests were read whole so far (each is counted before it is answered).</summary>
        internal int Requests
        {
            get
            {
                lock (keys) return requests;
            }
        }

        /// <summary>The Idempotency-Key of the next request read, waiting at most <paramref name="bound"/>.</summary>
        internal string TakeKey(TimeSpan bound)
        {
            lock (keys)
            {
                DateTime end = DateTime.UtcNow + bound;
                while (keys.Count == 0)
                {
                    TimeSpan left = end - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(keys, left)) Assert.Fail("the server read no create");
                }
                return keys.Dequeue();
            }
        }

        private void Accept()
        {
            for (int n = 0; n < MostConnections; n++)
            {
                Socket connection;
                try
                {
                    connection = listener.AcceptSocket();
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;   // stopped (InvalidOperationException: before this call began)
                }
                lock (connections) connections.Add(connection);
                new Thread(() => Serve(connection)) { IsBackground = true, Name = "CreateServer connection" }.Start();
            }
        }

        private void Serve(Socket connection)
        {
            try
            {
                connection.ReceiveTimeout = connection.SendTimeout = 30000;
                var stream = new NetworkStream(connection, ownsSocket: false);
                string head = ReadHead(stream);
                if (head == null) return;
                int length = 0;
                string key = "";
                foreach (string line in head.Split(new[] { "\r\n" }, StringSplitOptions.None))
                {
                    int colon = line.IndexOf(':');
                    if (colon < 0) continue;
                    string name = line.Substring(0, colon).Trim(), value = line.Substring(colon + 1).Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value);
                    if (name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)) key = value;
                }
                var body = new byte[length];
                for (int read = 0; read < length;)
                {
                    int n = stream.Read(body, read, length - read);
                    if (n <= 0) return;
                    read += n;
                }
                lock (keys)
                {
                    requests++;
                    keys.Enqueue(key);
                    Monitor.PulseAll(keys);
                }
                onRequest?.Invoke();   // the whole request is here: a cancel now lands mid-request
                if (answer == null) return;   // the connection stays open, unanswered, until Dispose
                byte[] json = Encoding.UTF8.GetBytes(answer);
                byte[] reply = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + (status == 200 ? " OK" : " Failed") +
                                                       "\r\nContent-Type: application/json\r\nContent-Length: " +
                                                       json.Length + "\r\nConnection: close\r\n\r\n");
                stream.Write(reply, 0, reply.Length);
                stream.Write(json, 0, json.Length);
                connection.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is System.IO.IOException || e is SocketException || e is ObjectDisposedException)
            {
                // The client hung up (it was cancelled) or the server is being disposed.
            }
        }

        /// <summary>The request line and headers, up to the blank line; null when the client hung up first.</summary>
        private static string ReadHead(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (head.Length < MostHeaderBytes)
            {
                if (stream.Read(one, 0, 1) <= 0) return null;
                head.Append((char)one[0]);
                if (head.Length >= 4 && head[head.Length - 1] == '\n' && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
                    return head.ToString();
            }
            return null;
        }

        public void Dispose()
        {
            listener.Stop();
            lock (connections)
                foreach (Socket c in connections) c.Close();
            acceptor.Join(TimeSpan.FromSeconds(10));
        }
    }
}
