// SPDX-License-Identifier: Apache-2.0
using System;
using System.Text;

namespace Mip
{
    /// <summary>UTF-8 in both directions, by hand, so no string is ever marshalled as ANSI or freed by the marshaller.</summary>
    internal static unsafe class Utf8
    {
        private static readonly UTF8Encoding Encoding = new UTF8Encoding(false, false);

        /// <summary>
        /// Copies a borrowed NUL-terminated UTF-8 string. NULL reads as "" (libmip never returns NULL
        /// strings, but a neutral value is safer than a crash).
        /// </summary>
        internal static string FromNative(IntPtr p)
        {
            if (p == IntPtr.Zero) return string.Empty;
            byte* s = (byte*)p;
            if (*s == 0) return string.Empty;
            int n = 0;
            while (s[n] != 0) n++;
            return Encoding.GetString(s, n);
        }

        /// <summary>Copies a borrowed UTF-8 string of <paramref name="length"/> bytes (no NUL scan).</summary>
        internal static string FromNative(byte* p, nuint length)
        {
            if (p == null || length == 0) return string.Empty;
            return Encoding.GetString(p, checked((int)length));
        }

        /// <summary>
        /// Copies borrowed strings like <see cref="FromNative(byte*, nuint)"/>, but returns the previous
        /// string object again when the bytes are the same as last time (no decoding, no new string):
        /// the details of one job share their state text, complete time and reason.
        /// </summary>
        internal sealed class LastValue
        {
            private byte* lastPointer;
            private byte[] bytes = new byte[0];
            private string value = string.Empty;

            internal string Get(IntPtr p)
            {
                if (p == IntPtr.Zero) return string.Empty;
                byte* s = (byte*)p;
                nuint n = 0;
                while (s[n] != 0) n++;
                return Get(s, n);
            }

            internal string Get(byte* s, nuint length)
            {
                if (s == null || length == 0) return string.Empty;
                int n = checked((int)length);
                // The job is immutable while it is read: the same pointer is the same bytes.
                if (s == lastPointer && n == bytes.Length) return value;
                if (n == bytes.Length && Same(s, n))
                {
                    lastPointer = s;
                    return value;
                }
                var copy = new byte[n];
                fixed (byte* b = copy) Buffer.MemoryCopy(s, b, n, n);
                bytes = copy;
                lastPointer = s;
                value = Encoding.GetString(s, n);
                return value;
            }

            private bool Same(byte* s, int n)
            {
#if NET8_0_OR_GREATER
                return new ReadOnlySpan<byte>(s, n).SequenceEqual(bytes);
#else
                fixed (byte* b = bytes)
                {
                    for (int i = 0; i < n; i++)
                        if (b[i] != s[i]) return false;
                }
                return true;
#endif
            }
        }

        /// <summary>
        /// The NUL-terminated UTF-8 bytes of <paramref name="value"/>; <c>null</c> for <c>null</c>.
        /// A string holding U+0000 would be cut short by C, so it is refused.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="value"/> contains U+0000.</exception>
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
        internal static byte[]? Encode(string? value, string paramName)
        {
            if (value == null) return null;
            if (value.IndexOf('\0') >= 0)
                throw new ArgumentException("The string contains a NUL character.", paramName);
            int n = Encoding.GetByteCount(value);
            byte[] bytes = new byte[n + 1];
            Encoding.GetBytes(value, 0, value.Length, bytes, 0);
            return bytes;
        }
    }
}
