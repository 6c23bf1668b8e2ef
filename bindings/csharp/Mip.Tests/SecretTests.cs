// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// Serializing <see cref="MipOptions"/> and <see cref="ImportRequest"/> writes no secret: not with
    /// System.Text.Json (default options, IncludeFields, a naming policy, as object, source-generated),
    /// not with Newtonsoft.Json or the DataContract serializer, not through ToString. Every check is
    /// a bare boolean on the text: a failing one must not print the secret.
    /// </summary>
    [TestFixture]
    public class SecretTests
    {
        // Long and distinct: a match can only be a leak.
        private const string Token = "tok-SECRET-4b8e1a6d0c3f7259";
        private const string StorageSecret = "sk-SECRET-e2c7094a5b1d8f36";
        private const string EndpointPassword = "pw-SECRET-81d3f5a7c9e0b264";
        private const string ProxyPassword = "px-SECRET-6a0f4c2e8b7d1953";

        private static readonly string[] Secrets = { Token, StorageSecret, EndpointPassword, ProxyPassword };

        private static MipOptions Options()
        {
            return new MipOptions
            {
                Endpoint = "https://root:" + EndpointPassword + "@db.example:19530/prefix",
                Token = Token,
                ClusterId = "in01-visible",
                Proxy = "http://user:" + ProxyPassword + "@proxy.example:3128",
                Timeout = TimeSpan.FromSeconds(3),
            };
        }

        private static ImportRequest Request()
        {
            var r = new ImportRequest("coll-visible") { AutoCommit = false, IdempotencyKey = "idem-visible" }
                    .AddFiles("s3://bucket/a.parquet").SetObjectCredentials("AKIA-visible", StorageSecret);
            r.Options["timeout"] = "300s";
            return r;
        }

        private static void AssertNoSecret(string text, string what)
        {
            foreach (string secret in Secrets)
                Assert.IsFalse(text.Contains(secret), what + " shows a secret");   // never the text itself
        }

        private static readonly JsonSerializerOptions[] Variants =
        {
            new JsonSerializerOptions(),
            new JsonSerializerOptions { IncludeFields = true },
            new JsonSerializerOptions { IncludeFields = true, IgnoreReadOnlyProperties = false, WriteIndented = true },
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                                        DefaultIgnoreCondition = JsonIgnoreCondition.Never },
        };

        [Test]
        public void SystemTextJsonWritesNoSecret()
        {
            for (int i = 0; i < Variants.Length; i++)
            {
                JsonSerializerOptions o = Variants[i];
                string options = JsonSerializer.Serialize(Options(), o);
                AssertNoSecret(options, "MipOptions, variant " + i);
                AssertNoSecret(JsonSerializer.Serialize<object>(Options(), o), "MipOptions as object, variant " + i);
                AssertNoSecret(JsonSerializer.Serialize(new[] { Options() }, o), "MipOptions[], variant " + i);
                string request = JsonSerializer.Serialize(Request(), o);
                AssertNoSecret(request, "ImportRequest, variant " + i);
                AssertNoSecret(JsonSerializer.Serialize<object>(new { Inner = Request() }, o), "ImportRequest inside, variant " + i);
                // What is not secret is kept.
                StringAssert.Contains("in01-visible", options);
                StringAssert.Contains("coll-visible", request);
                StringAssert.Contains("AKIA-visible", request);
            }
            // The property is left out, not written as null; the URLs keep everything but the password.
            string text = JsonSerializer.Serialize(Options());
            Assert.IsFalse(text.Contains("\"Token\""), "the token's property is written");
            StringAssert.Contains("\"Endpoint\":\"https://root:***@db.example:19530/prefix\"", text);
            StringAssert.Contains("\"Proxy\":\"http://user:***@proxy.example:3128\"", text);
            Assert.IsFalse(JsonSerializer.Serialize(Request()).Contains("ObjectSecretKey"), "the secret key's property is written");
            StringAssert.Contains("\"Endpoint\":\"http://h:1\"", JsonSerializer.Serialize(new MipOptions { Endpoint = "http://h:1" }));
        }

        [Test]
        public void SystemTextJsonReadsTheUrlsButNoToken()
        {
            MipOptions read = JsonSerializer.Deserialize<MipOptions>(
                "{\"Endpoint\":\"http://h:19530\",\"Proxy\":\"http://p:3128\",\"Token\":\"t\",\"ClusterId\":\"c\"}");
            Assert.AreEqual("http://h:19530", read.Endpoint);
            Assert.AreEqual("http://p:3128", read.Proxy);
            Assert.AreEqual("c", read.ClusterId);
            Assert.IsNull(read.Token, "[JsonIgnore]: the token is not read either");
        }

        [Test]
        public void SourceGeneratedJsonWritesNoSecret()
        {
            AssertNoSecret(JsonSerializer.Serialize(Options(), SecretsJsonContext.Default.MipOptions), "MipOptions, source-generated");
            AssertNoSecret(JsonSerializer.Serialize(Request(), SecretsJsonContext.Default.ImportRequest), "ImportRequest, source-generated");
            StringAssert.Contains("root:***@", JsonSerializer.Serialize(Options(), SecretsJsonContext.Default.MipOptions));
        }

        [Test]
        public void OtherSerializersWriteNoSecret()
        {
            // Newtonsoft.Json honours [IgnoreDataMember]; Mip does not depend on it. (It knows nothing of
            // System.Text.Json's converters: a password in a URL is the caller's to keep out.)
            string options = Newtonsoft.Json.JsonConvert.SerializeObject(Options());
            Assert.IsFalse(options.Contains(Token), "Newtonsoft.Json writes the token");
            string request = Newtonsoft.Json.JsonConvert.SerializeObject(Request());
            AssertNoSecret(request, "ImportRequest, Newtonsoft.Json");
            StringAssert.Contains("coll-visible", request);

            // The DataContract serializers too (a POCO with [IgnoreDataMember]).
            var serializer = new DataContractJsonSerializer(typeof(MipOptions));
            using (var stream = new MemoryStream())
            {
                serializer.WriteObject(stream, Options());
                string text = Encoding.UTF8.GetString(stream.ToArray());
                Assert.IsFalse(text.Contains(Token), "DataContractJsonSerializer writes the token");
                StringAssert.Contains("in01-visible", text);
            }
        }

        [Test]
        public void ToStringShowsNoSecret()
        {
            AssertNoSecret(Options().ToString(), "MipOptions.ToString");
            string request = Request().ToString();
            AssertNoSecret(request, "ImportRequest.ToString");
            StringAssert.Contains("secretKey=***", request);
        }

        [Test]
        public void MaskedUrls()
        {
            var converter = new MaskedUrlJsonConverter();
            var o = new JsonSerializerOptions();
            o.Converters.Add(converter);
            string[,] cases =
            {
                { "http://localhost:19530", "http://localhost:19530" },
                { "https://h/prefix", "https://h/prefix" },
                { "https://root:Milvus@h:19530/p", "https://root:***@h:19530/p" },
                { "root:Milvus@h", "root:***@h" },
                { "https://TOKEN@h", "https://***@h" },
                { "http://u:p@ss/w?rd@proxy:3128", "http://u:***@proxy:3128" },
                { "http://u:@h", "http://u:***@h" },
                { "https://h/path@v1", "https://***@v1" },   // masked more than needed: the safe side
                { "socks5h://user:pa:ss@proxy:1080/", "socks5h://user:***@proxy:1080/" },
                { "", "" },
            };
            for (int i = 0; i < cases.GetLength(0); i++)
                Assert.AreEqual(JsonSerializer.Serialize(cases[i, 1]), JsonSerializer.Serialize(cases[i, 0], o), cases[i, 0]);
        }
    }

    /// <summary>A source-generated serializer of the two types, as an application may have one.</summary>
    [JsonSerializable(typeof(MipOptions))]
    [JsonSerializable(typeof(ImportRequest))]
    internal partial class SecretsJsonContext : JsonSerializerContext
    {
    }
}
