// SPDX-License-Identifier: Apache-2.0
using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mip
{
    /// <summary>
    /// A System.Text.Json converter for a URL that may carry a password ("scheme://user:password@host"):
    /// it writes the URL with the user information masked ("user:***@", or "***@" when there is no
    /// colon, which may be a token) and reads it as written. <see cref="MipOptions.Endpoint"/> and
    /// <see cref="MipOptions.Proxy"/> use it, so that serializing options never writes a password.
    /// </summary>
    /// <remarks>Public because a source-generated <c>JsonSerializerContext</c> in another assembly
    /// must be able to create it; it has no other use.</remarks>
    public sealed class MaskedUrlJsonConverter : JsonConverter<string>
    {
        /// <summary>Reads the URL as written.</summary>
        /// <param name="reader">The reader, at a string.</param>
        /// <param name="typeToConvert">string.</param>
        /// <param name="options">The serializer's options.</param>
        /// <returns>The string.</returns>
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            return reader.GetString();
        }

        /// <summary>Writes the URL with its user information masked.</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="value">The URL.</param>
        /// <param name="options">The serializer's options.</param>
        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStringValue(Redaction.MaskUrl(value));
        }
    }

    internal static class Redaction
    {
        /// <summary>
        /// The URL with its user information masked: the password becomes "***", and so does user
        /// information without a colon. Everything up to the last '@' counts as user information, so
        /// that a password holding '/', '?' or '@' is hidden whole; a URL with an '@' in its path is
        /// masked more than it needs, which is the safe side. The same rule as the Go binding's.
        /// </summary>
        internal static string MaskUrl(string url)
        {
            if (url == null) return url!;
            int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
            int at = url.LastIndexOf('@');
            if (at < start) return url;
            int colon = url.IndexOf(':', start, at - start);
            string user = colon < 0 ? "***" : url.Substring(start, colon - start + 1) + "***";
            return url.Substring(0, start) + user + url.Substring(at);
        }
    }
}
