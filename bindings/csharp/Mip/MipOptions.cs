// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace Mip
{
    /// <summary>
    /// How to reach the server. A plain settings object: fill it in, pass it to
    /// <see cref="MipClient"/>'s constructor (which copies it), reuse or drop it afterwards.
    /// Every property starts <c>null</c>, and a property left <c>null</c> is not passed to libmip
    /// at all, so libmip's own default applies (the <c>MIP_DEFAULT_*</c> values of <c>mip.h</c>).
    /// </summary>
    /// <remarks>
    /// Values libmip refuses (what it accepts is written in mip.h) make the <see cref="MipClient"/>
    /// constructor throw a <see cref="MipException"/> with <see cref="MipCode.InvalidArgument"/>
    /// naming the property; the token's value is never part of any message.
    /// <para>Serializing the options writes no secret: System.Text.Json leaves <see cref="Token"/> out
    /// ([JsonIgnore]: it is neither written nor read) and writes <see cref="Endpoint"/> and
    /// <see cref="Proxy"/> with any password masked (<see cref="MaskedUrlJsonConverter"/>);
    /// Newtonsoft.Json and the DataContract serializers leave <see cref="Token"/> out too
    /// ([IgnoreDataMember]). Binding from configuration (Microsoft.Extensions.Configuration) sets the
    /// token as any other property.</para>
    /// </remarks>
    public sealed class MipOptions
    {
        /// <summary>Required. "https://host[:port][/prefix]"; without a scheme https:// is assumed.
        /// Serialized with any password masked.</summary>
        [JsonConverter(typeof(MaskedUrlJsonConverter))]
        public string? Endpoint { get; set; }

        /// <summary>The server flavor; libmip's default is <see cref="MipApi.Auto"/> (chosen by the endpoint's host).</summary>
        public MipApi? Api { get; set; }

        /// <summary>API key or "user:password", sent as "Authorization: Bearer ..."; nothing is sent when
        /// null. Required by the cloud flavors. Never appears in an error message, and never serialized.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string? Token { get; set; }

        /// <summary>Cloud flavors: the cluster.</summary>
        public string? ClusterId { get; set; }

        /// <summary><see cref="MipApi.Cloud"/>: the project, with <see cref="RegionId"/>, instead of a cluster.</summary>
        public string? ProjectId { get; set; }

        /// <summary><see cref="MipApi.Cloud"/>: the region, with <see cref="ProjectId"/>, instead of a cluster.</summary>
        public string? RegionId { get; set; }

        /// <summary>Milvus flavor: the database (sent as the DB-Name header).</summary>
        public string? DbName { get; set; }

        /// <summary>Whole call, retries and fallback included; 1 ms .. 2^31-1 ms. Unset: MIP_DEFAULT_TIMEOUT_MS.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>TCP + TLS connect of each attempt; 1 ms .. 2^31-1 ms. Unset: MIP_DEFAULT_CONNECT_TIMEOUT_MS.</summary>
        public TimeSpan? ConnectTimeout { get; set; }

        /// <summary>0..100 retries of a transient failure (one whose <see cref="MipException.IsTransient"/>
        /// would be true), with backoff, inside the call's timeout. Unset: MIP_DEFAULT_MAX_RETRIES.</summary>
        public int? MaxRetries { get; set; }

        /// <summary>A PEM bundle of CA certificates to trust instead of the system's.</summary>
        public string? CaFile { get; set; }

        /// <summary>False turns certificate and host name verification off; unset, libmip verifies.</summary>
        public bool? TlsVerify { get; set; }

        /// <summary>e.g. "http://proxy:3128"; when null, libcurl's environment rules apply. Serialized
        /// with any password masked.</summary>
        [JsonConverter(typeof(MaskedUrlJsonConverter))]
        public string? Proxy { get; set; }

        /// <summary>The User-Agent header; unset, libmip sends "mip/&lt;version&gt;".</summary>
        public string? UserAgent { get; set; }

        /// <summary>Largest response body accepted, in bytes; &gt; 0. Unset: MIP_DEFAULT_MAX_RESPONSE_BYTES.</summary>
        public long? MaxResponseBytes { get; set; }

        /// <summary>Connections <see cref="MipClient.GetImportProgressMany"/> uses at most; 1..256.
        /// Unset: MIP_DEFAULT_MAX_CONNECTIONS.</summary>
        public int? MaxConnections { get; set; }

        /// <summary>A native options object holding these values; the caller disposes it.</summary>
        internal OptionsHandle ToNative()
        {
            OptionsHandle o = OptionsHandle.Create();
            try
            {
                Check(NativeMethods.mip_options_set_endpoint(o, Utf8.Encode(Endpoint, "Endpoint")), "Endpoint");
                if (Api.HasValue)
                    Check(NativeMethods.mip_options_set_api(o, (int)Api.Value), "Api");
                if (Token != null)
                    Check(NativeMethods.mip_options_set_token(o, Utf8.Encode(Token, "Token")), "Token");
                if (ClusterId != null)
                    Check(NativeMethods.mip_options_set_cluster_id(o, Utf8.Encode(ClusterId, "ClusterId")), "ClusterId");
                if (ProjectId != null)
                    Check(NativeMethods.mip_options_set_project_id(o, Utf8.Encode(ProjectId, "ProjectId")), "ProjectId");
                if (RegionId != null)
                    Check(NativeMethods.mip_options_set_region_id(o, Utf8.Encode(RegionId, "RegionId")), "RegionId");
                if (DbName != null)
                    Check(NativeMethods.mip_options_set_db_name(o, Utf8.Encode(DbName, "DbName")), "DbName");
                if (Timeout.HasValue)
                    Check(NativeMethods.mip_options_set_timeout_ms(o, Milliseconds(Timeout.Value)), "Timeout");
                if (ConnectTimeout.HasValue)
                    Check(NativeMethods.mip_options_set_connect_timeout_ms(o, Milliseconds(ConnectTimeout.Value)),
                          "ConnectTimeout");
                if (MaxRetries.HasValue)
                    Check(NativeMethods.mip_options_set_max_retries(o, MaxRetries.Value), "MaxRetries");
                if (CaFile != null)
                    Check(NativeMethods.mip_options_set_ca_file(o, Utf8.Encode(CaFile, "CaFile")), "CaFile");
                if (TlsVerify.HasValue)
                    Check(NativeMethods.mip_options_set_tls_verify(o, TlsVerify.Value ? 1 : 0), "TlsVerify");
                if (Proxy != null)
                    Check(NativeMethods.mip_options_set_proxy(o, Utf8.Encode(Proxy, "Proxy")), "Proxy");
                if (UserAgent != null)
                    Check(NativeMethods.mip_options_set_user_agent(o, Utf8.Encode(UserAgent, "UserAgent")), "UserAgent");
                if (MaxResponseBytes.HasValue)
                    Check(NativeMethods.mip_options_set_max_response_bytes(o, MaxResponseBytes.Value), "MaxResponseBytes");
                if (MaxConnections.HasValue)
                    Check(NativeMethods.mip_options_set_max_connections(o, MaxConnections.Value), "MaxConnections");
                return o;
            }
            catch
            {
                o.Dispose();
                throw;
            }
        }

        /// <summary>Whole milliseconds, rounded up; negative stays negative (libmip refuses it).</summary>
        internal static long Milliseconds(TimeSpan t)
        {
            if (t.Ticks <= 0) return t.Ticks == 0 ? 0 : -1;
            long ms = t.Ticks / TimeSpan.TicksPerMillisecond;
            if (t.Ticks % TimeSpan.TicksPerMillisecond != 0) ms++;
            return ms;
        }

        private static void Check(int code, string property)
        {
            MipException.ThrowIfRefused(code, "MipOptions." + property);
        }
    }
}
