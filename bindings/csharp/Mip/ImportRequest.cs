// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;
using System.Text.Json.Serialization;

namespace Mip
{
    /// <summary>
    /// What <see cref="MipClient.CreateImport"/> starts: a collection, one or more groups of files,
    /// and optionally a partition, options, two-phase commit, object-storage keys and an
    /// idempotency key. A plain managed builder: it is copied into libmip's request when the job is
    /// created, so it may be changed or reused afterwards.
    /// </summary>
    /// <remarks>
    /// What libmip accepts is libmip's rule (<c>mip_import_request_*</c> in mip.h): a value it
    /// refuses gives <see cref="MipException"/> with <see cref="MipCode.InvalidArgument"/> naming
    /// the property, before anything is sent. <see cref="ToString"/> never shows the secret key, and
    /// no serializer writes it: [JsonIgnore] for System.Text.Json, [IgnoreDataMember] for
    /// Newtonsoft.Json and the DataContract serializers.
    /// </remarks>
    public sealed class ImportRequest
    {
        private readonly List<IReadOnlyList<string>> files = new List<IReadOnlyList<string>>();
        private readonly Dictionary<string, string> options = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A request to import into <paramref name="collectionName"/>; add files with <see cref="AddFiles"/>.</summary>
        /// <param name="collectionName">The collection (required).</param>
        public ImportRequest(string collectionName)
        {
            CollectionName = collectionName;
        }

        /// <summary>Required: the collection to import into.</summary>
        public string CollectionName { get; set; }

        /// <summary>The partition; <c>null</c> or "" for the default one.</summary>
        public string? PartitionName { get; set; }

        /// <summary>The groups of files, in order: each one JSON, Parquet or CSV file, or the .npy files of
        /// one set (one per field). Paths are as the server reads them: relative to its bucket for
        /// Milvus, URLs (s3://...) for the cloud flavors.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Files
        {
            get { return files; }
        }

        /// <summary>Sent in "options" as strings, e.g. "timeout" = "300s", "sep" = ",". Not for cloud v1.</summary>
        public IDictionary<string, string> Options
        {
            get { return options; }
        }

        /// <summary><c>null</c> (the default): the server's default, the job commits itself. <c>false</c>:
        /// the job stops at <see cref="ImportState.Uncommitted"/> until <see cref="MipClient.CommitImport"/>
        /// or <see cref="MipClient.AbortImport"/> (Milvus 3.0 and later). Applied after <see cref="Options"/>,
        /// so it wins over an "auto_commit" option.</summary>
        public bool? AutoCommit { get; set; }

        /// <summary>The object storage's access key, sent by the cloud flavors only; set with <see cref="SetObjectCredentials"/>.</summary>
        public string? ObjectAccessKey { get; private set; }

        /// <summary>The object storage's secret key. Never shown by <see cref="ToString"/>, never
        /// serialized, and never part of an error message, even when a server echoes it back.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string? ObjectSecretKey { get; private set; }

        /// <summary>The Idempotency-Key header (printable ASCII, 1 to 256 bytes). <c>null</c>: a new random
        /// key for each create, the same on its own retries, given back by a failed create's
        /// <see cref="MipException.IdempotencyKey"/>. A server that knows it (Milvus 2.6.24 and 3.0.2
        /// on) answers a repeated create with the first job's id.</summary>
        public string? IdempotencyKey { get; set; }

        /// <summary>Adds one group of files.</summary>
        /// <param name="paths">The group's paths (at least one, none empty: libmip checks).</param>
        /// <returns>This request.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="paths"/> or one of them is null.</exception>
        public ImportRequest AddFiles(params string[] paths)
        {
            if (paths == null) throw new ArgumentNullException(nameof(paths));
            foreach (string p in paths)
                if (p == null) throw new ArgumentNullException(nameof(paths), "A path is null.");
            files.Add(Array.AsReadOnly((string[])paths.Clone()));
            return this;
        }

        /// <summary>Sets the object storage's keys (cloud flavors), or clears them with two nulls.</summary>
        /// <param name="accessKey">The access key.</param>
        /// <param name="secretKey">The secret key.</param>
        /// <returns>This request.</returns>
        public ImportRequest SetObjectCredentials(string? accessKey, string? secretKey)
        {
            ObjectAccessKey = accessKey;
            ObjectSecretKey = secretKey;
            return this;
        }

        /// <summary>A copy whose groups and options are its own.</summary>
        internal ImportRequest Clone()
        {
            var c = new ImportRequest(CollectionName)
            {
                PartitionName = PartitionName,
                AutoCommit = AutoCommit,
                ObjectAccessKey = ObjectAccessKey,
                ObjectSecretKey = ObjectSecretKey,
                IdempotencyKey = IdempotencyKey,
            };
            c.files.AddRange(files);
            foreach (KeyValuePair<string, string> kv in options) c.options[kv.Key] = kv.Value;
            return c;
        }

        /// <summary>A summary for logs, with the secret key as "***".</summary>
        /// <returns>e.g. <c>ImportRequest(collection=c, groups=2, files=3, autoCommit=False, secretKey=***)</c>.</returns>
        public override string ToString()
        {
            var s = new StringBuilder("ImportRequest(collection=").Append(CollectionName);
            if (!string.IsNullOrEmpty(PartitionName)) s.Append(", partition=").Append(PartitionName);
            int count = 0;
            foreach (IReadOnlyList<string> g in files) count += g.Count;
            s.Append(", groups=").Append(files.Count.ToString(CultureInfo.InvariantCulture))
             .Append(", files=").Append(count.ToString(CultureInfo.InvariantCulture));
            if (options.Count > 0)
            {
                s.Append(", options={");
                bool first = true;
                foreach (KeyValuePair<string, string> kv in options)
                {
                    s.Append(first ? "" : ", ").Append(kv.Key).Append('=').Append(kv.Value);
                    first = false;
                }
                s.Append('}');
            }
            if (AutoCommit.HasValue) s.Append(", autoCommit=").Append(AutoCommit.Value);
            if (ObjectAccessKey != null) s.Append(", accessKey=").Append(ObjectAccessKey);
            if (ObjectSecretKey != null) s.Append(", secretKey=***");
            if (IdempotencyKey != null) s.Append(", idempotencyKey=").Append(IdempotencyKey);
            return s.Append(')').ToString();
        }

        /// <summary>libmip's request with everything set, <paramref name="idempotencyKey"/> as its
        /// Idempotency-Key (<c>null</c>: <see cref="IdempotencyKey"/>); the caller disposes it.</summary>
        internal unsafe RequestHandle ToNative(string? idempotencyKey = null)
        {
            string? key = idempotencyKey ?? IdempotencyKey;
            RequestHandle r = RequestHandle.Create();
            try
            {
                Check(NativeMethods.mip_import_request_set_collection(r, Utf8.Encode(CollectionName, nameof(CollectionName))),
                      nameof(CollectionName));
                if (PartitionName != null)
                    Check(NativeMethods.mip_import_request_set_partition(r, Utf8.Encode(PartitionName, nameof(PartitionName))),
                          nameof(PartitionName));
                for (int g = 0; g < files.Count; g++) AddGroup(r, files[g], g);
                foreach (KeyValuePair<string, string> kv in options)
                    Check(NativeMethods.mip_import_request_set_option(r, Utf8.Encode(kv.Key, nameof(Options)),
                                                                      Utf8.Encode(kv.Value, nameof(Options))),
                          "Options[\"" + kv.Key + "\"]");
                if (AutoCommit.HasValue)
                    Check(NativeMethods.mip_import_request_set_auto_commit(r, AutoCommit.Value ? 1 : 0), nameof(AutoCommit));
                if (ObjectAccessKey != null || ObjectSecretKey != null)
                    Check(NativeMethods.mip_import_request_set_object_credentials(
                              r, Utf8.Encode(ObjectAccessKey, "accessKey"), Utf8.Encode(ObjectSecretKey, "secretKey")),
                          "ObjectCredentials");
                if (key != null)
                    Check(NativeMethods.mip_import_request_set_idempotency_key(r, Utf8.Encode(key, nameof(IdempotencyKey))),
                          nameof(IdempotencyKey));
                return r;
            }
            catch
            {
                r.Dispose();
                throw;
            }
        }

        private static unsafe void AddGroup(RequestHandle r, IReadOnlyList<string> paths, int index)
        {
            // Every path's NUL-terminated UTF-8 in one pinned buffer, and an array of pointers into it.
            var encoded = new byte[paths.Count][];
            int total = 0;
            for (int i = 0; i < paths.Count; i++)
            {
                encoded[i] = Utf8.Encode(paths[i], nameof(Files));
                total += encoded[i].Length;
            }
            var buffer = new byte[Math.Max(total, 1)];
            var pointers = new IntPtr[Math.Max(paths.Count, 1)];
            fixed (byte* b = buffer)
            fixed (IntPtr* p = pointers)
            {
                int offset = 0;
                for (int i = 0; i < encoded.Length; i++)
                {
                    Buffer.BlockCopy(encoded[i], 0, buffer, offset, encoded[i].Length);
                    p[i] = (IntPtr)(b + offset);
                    offset += encoded[i].Length;
                }
                Check(NativeMethods.mip_import_request_add_files(r, p, (nuint)paths.Count),
                      "Files[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            }
        }

        private static void Check(int code, string property)
        {
            MipException.ThrowIfRefused(code, "ImportRequest." + property);
        }
    }
}
