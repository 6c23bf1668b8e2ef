// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.Serialization;

namespace Mip
{
    /// <summary>
    /// An error reported by libmip: a transport failure, a server error envelope, an option the
    /// library refused. The message is libmip's sentence (with the HTTP status and the server's own
    /// message where there were any) and never contains the token.
    /// </summary>
    [Serializable]
    public class MipException : Exception
    {
        /// <summary>Creates an exception that is not transient, with every other field given.</summary>
        /// <param name="message">What failed.</param>
        /// <param name="code">The error's code.</param>
        /// <param name="httpStatus">HTTP status of the response that caused the error, or 0.</param>
        /// <param name="serverCode">The server envelope's <c>code</c>, or 0.</param>
        /// <param name="attempts">HTTP requests the failed call sent, or 0.</param>
        public MipException(string message, MipCode code, int httpStatus, long serverCode, int attempts)
            : this(message, code, httpStatus, serverCode, attempts, false)
        {
        }

        /// <summary>Creates an exception with every field given.</summary>
        /// <param name="message">What failed.</param>
        /// <param name="code">The error's code.</param>
        /// <param name="httpStatus">HTTP status of the response that caused the error, or 0.</param>
        /// <param name="serverCode">The server envelope's <c>code</c>, or 0.</param>
        /// <param name="attempts">HTTP requests the failed call sent, or 0.</param>
        /// <param name="isTransient">Whether trying again later is worth it (see <see cref="IsTransient"/>).</param>
        public MipException(string message, MipCode code, int httpStatus, long serverCode, int attempts,
                            bool isTransient)
            : base(message)
        {
            Code = code;
            HttpStatus = httpStatus;
            ServerCode = serverCode;
            Attempts = attempts;
            IsTransient = isTransient;
        }

        /// <summary>Deserialization constructor.</summary>
        /// <param name="info">Serialized data.</param>
        /// <param name="context">Streaming context.</param>
#if NET8_0_OR_GREATER
        [Obsolete("Formatter-based serialization is obsolete (SYSLIB0051).", DiagnosticId = "SYSLIB0051")]
#endif
        protected MipException(SerializationInfo info, StreamingContext context) : base(info, context)
        {
            Code = (MipCode)info.GetInt32("MipCode");
            HttpStatus = info.GetInt32("MipHttpStatus");
            ServerCode = info.GetInt64("MipServerCode");
            Attempts = info.GetInt32("MipAttempts");
            IsTransient = info.GetBoolean("MipIsTransient");
            // Absent from what an older version serialized.
            foreach (SerializationEntry entry in info)
            {
                if (entry.Name == "MipIdempotencyKey") IdempotencyKey = entry.Value as string;
                if (entry.Name == "MipJobId") JobId = entry.Value as string;
            }
        }

        /// <summary>What went wrong.</summary>
        public MipCode Code { get; private set; }

        /// <summary>libmip's name of <see cref="Code"/>, e.g. "MIP_ERR_TIMEOUT".</summary>
        public string CodeName
        {
            get { return MipClient.CodeName(Code); }
        }

        /// <summary>The HTTP status of the response that caused the error, also when its body then
        /// failed; 0 when no status line arrived (connect or TLS failure, timeout before it, bad argument).</summary>
        public int HttpStatus { get; private set; }

        /// <summary>The server envelope's <c>code</c> (e.g. 1800, 90144); 0 when there was none.</summary>
        public long ServerCode { get; private set; }

        /// <summary>HTTP requests the failed call sent, retries and the Milvus fallback included; 0 when
        /// nothing was (a refused connection or a failed TLS handshake sends none).</summary>
        public int Attempts { get; private set; }

        /// <summary>
        /// True when the failure may go away by itself, so that trying again later is worth it: what
        /// libmip itself retries within a call and what a wait polls through. libmip decides
        /// (<c>mip_error_is_transient</c>); the answer is taken when the exception is built from
        /// libmip's error, and is false for the errors this binding raises itself (a refused option,
        /// a job id holding U+0000).
        /// </summary>
        public bool IsTransient { get; private set; }

        /// <summary>
        /// The Idempotency-Key header of a create (<see cref="MipClient.CreateImport"/> and its async
        /// form) that failed after sending its request (<see cref="Attempts"/> &gt; 0); <c>null</c> for
        /// any other error. Such a create may have made the job even though it failed (cancelled,
        /// timed out, a reset: the message then says so); creating again with this key
        /// (<see cref="ImportRequest.IdempotencyKey"/>) answers with that job's id instead of making a
        /// second one, on Milvus 2.6.24 / 3.0.2 and later. The key is the caller's, or the one the
        /// binding made for the call. A cancelled create throws an
        /// <see cref="OperationCanceledException"/> whose <see cref="Exception.InnerException"/> is
        /// this exception.
        /// </summary>
        public string? IdempotencyKey { get; internal set; }

        /// <summary>
        /// The id of a job the failing answer named (<c>mip_error_job_id</c>); <c>null</c> when it named
        /// none. A create answered with a failing HTTP status but a success envelope carrying the new
        /// job's id fails (<see cref="MipCode.Server"/>) and keeps the id here and in the message: the
        /// server may well have made that job, so look at it (or create again with
        /// <see cref="IdempotencyKey"/>) before making another.
        /// </summary>
        public string? JobId { get; internal set; }

        /// <summary>Serializes the fields.</summary>
        /// <param name="info">Serialized data.</param>
        /// <param name="context">Streaming context.</param>
#if NET8_0_OR_GREATER
        [Obsolete("Formatter-based serialization is obsolete (SYSLIB0051).", DiagnosticId = "SYSLIB0051")]
#endif
        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            base.GetObjectData(info, context);
            info.AddValue("MipCode", (int)Code);
            info.AddValue("MipHttpStatus", HttpStatus);
            info.AddValue("MipServerCode", ServerCode);
            info.AddValue("MipAttempts", Attempts);
            info.AddValue("MipIsTransient", IsTransient);
            info.AddValue("MipIdempotencyKey", IdempotencyKey);
            info.AddValue("MipJobId", JobId);
        }

        /// <summary>Throws for a setter's nonzero <paramref name="code"/>. A setter returns a bare code and
        /// what it accepts is libmip's rule (mip.h), so the message names the property and the code,
        /// never the value (which may be a secret).</summary>
        internal static void ThrowIfRefused(int code, string property)
        {
            if (code != 0)
                throw new MipException("libmip refused " + property + ": " + MipClient.CodeName((MipCode)code),
                                       (MipCode)code, 0, 0, 0);
        }

        /// <summary>
        /// Takes ownership of the native error <paramref name="err"/> (frees it) and turns it into an
        /// exception; <paramref name="code"/> is the call's return value, used when err is NULL.
        /// </summary>
        internal static MipException FromNative(int code, IntPtr err)
        {
            using (var e = new ErrorHandle(err))
            {
                if (e.IsInvalid)
                    return new MipException(MipClient.CodeName((MipCode)code), (MipCode)code, 0, 0, 0);
                string jobId = Utf8.FromNative(NativeMethods.mip_error_job_id(e));
                return new MipException(Utf8.FromNative(NativeMethods.mip_error_message(e)),
                                        (MipCode)NativeMethods.mip_error_code(e),
                                        NativeMethods.mip_error_http_status(e),
                                        NativeMethods.mip_error_server_code(e),
                                        NativeMethods.mip_error_attempts(e),
                                        NativeMethods.mip_error_is_transient(e) != 0)
                {
                    JobId = jobId.Length == 0 ? null : jobId,
                };
            }
        }
    }
}
