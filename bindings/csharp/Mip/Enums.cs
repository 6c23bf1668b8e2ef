// SPDX-License-Identifier: Apache-2.0
namespace Mip
{
    /// <summary>
    /// What went wrong; mirrors <c>mip_code</c> number for number (the numbers never change).
    /// </summary>
    public enum MipCode
    {
        /// <summary>MIP_OK: no error.</summary>
        Ok = 0,
        /// <summary>MIP_ERR_INVALID_ARGUMENT: the caller's input is wrong; nothing was sent.</summary>
        InvalidArgument = 1,
        /// <summary>MIP_ERR_NO_MEMORY.</summary>
        NoMemory = 2,
        /// <summary>MIP_ERR_CONNECT: DNS, refused, unreachable, or a connection that broke before a whole response arrived.</summary>
        Connect = 3,
        /// <summary>MIP_ERR_TLS: handshake or certificate verification.</summary>
        Tls = 4,
        /// <summary>MIP_ERR_TIMEOUT: the client's deadline, or the server's 408 / code 10001.</summary>
        Timeout = 5,
        /// <summary>MIP_ERR_CANCELLED: cancelled by the caller. The async methods and methods taking a
        /// <see cref="System.Threading.CancellationToken"/> report their own token's cancellation as
        /// <see cref="System.OperationCanceledException"/> instead.</summary>
        Cancelled = 6,
        /// <summary>MIP_ERR_HTTP: an HTTP error without a JSON envelope (proxy page, 404 text), and every 3xx
        /// (redirects are never followed).</summary>
        Http = 7,
        /// <summary>MIP_ERR_PROTOCOL: the body is not the JSON expected.</summary>
        Protocol = 8,
        /// <summary>MIP_ERR_RESPONSE_TOO_LARGE: the body is longer than <see cref="MipOptions.MaxResponseBytes"/>.</summary>
        ResponseTooLarge = 9,
        /// <summary>MIP_ERR_AUTH: HTTP 401/403 or an authentication error code.</summary>
        Auth = 10,
        /// <summary>MIP_ERR_NOT_FOUND: the job or cluster does not exist.</summary>
        NotFound = 11,
        /// <summary>MIP_ERR_RATE_LIMITED: HTTP 429 or code 1807.</summary>
        RateLimited = 12,
        /// <summary>MIP_ERR_SERVER: any other non-success envelope; see <see cref="MipException.ServerCode"/>.</summary>
        Server = 13,
        /// <summary>MIP_ERR_UNSUPPORTED: this server or flavor has no such operation (commit or abort on a
        /// Milvus without two-phase import, any commit or abort on cloud v1); nothing was changed.</summary>
        Unsupported = 14,
    }

    /// <summary>An import job's state; mirrors <c>mip_state</c>. Which states end a wait is libmip's
    /// to say: see <see cref="ImportJob.IsTerminal"/>.</summary>
    public enum ImportState
    {
        /// <summary>Not reported, or a state this version does not know (see the raw <c>StateText</c>).</summary>
        Unknown = 0,
        /// <summary>Waiting to start.</summary>
        Pending = 1,
        /// <summary>Running (pre-import, import, sort and index build all report this).</summary>
        Importing = 2,
        /// <summary>Done.</summary>
        Completed = 3,
        /// <summary>Failed; the reason is in <c>Reason</c>.</summary>
        Failed = 4,
        /// <summary>Staged at 99 %, waiting for commit or abort.</summary>
        Uncommitted = 5,
        /// <summary>Being committed.</summary>
        Committing = 6,
    }

    /// <summary>Which server dialect to speak; mirrors <c>mip_api</c>.</summary>
    public enum MipApi
    {
        /// <summary>Chosen by the endpoint's host: "controller.api.*" is <see cref="CloudV1"/>,
        /// "api.cloud.zilliz.com(.cn)" is <see cref="Cloud"/>, anything else <see cref="Milvus"/>.</summary>
        Auto = 0,
        /// <summary>Milvus REST v2 (self-hosted, or a Zilliz Cloud cluster endpoint).</summary>
        Milvus = 1,
        /// <summary>Zilliz Cloud control plane v2.</summary>
        Cloud = 2,
        /// <summary>Zilliz Cloud control plane v1.</summary>
        CloudV1 = 3,
    }
}
