// SPDX-License-Identifier: Apache-2.0
/*
 * mip.h - Milvus import progress: how far has a Milvus / Zilliz Cloud
 * bulk-import job got?
 *
 * The one public header of libmip. It is plain C (C99 and C++ alike) and
 * declares only mip_ / MIP_ names.
 *
 * Conventions, kept by every function below:
 *
 * - Fallible calls return a mip_code. MIP_OK is 0; the numbers never change.
 * - Out-parameters: on failure `*out` is set to NULL. When `err` is not NULL,
 *   `*err` receives a new mip_error on failure (free it with mip_error_free)
 *   and NULL on success. Every `mip_error **err` parameter may be NULL.
 *   Errors are objects the caller owns, never thread-local state, so they
 *   work from goroutines, async continuations and any thread.
 * - A NULL handle or string where one is required gives
 *   MIP_ERR_INVALID_ARGUMENT from a fallible call, or a neutral value from an
 *   accessor ("" / -1 / 0 / MIP_STATE_UNKNOWN). Nothing crashes on NULL.
 * - Strings returned as `const char *` are borrowed: UTF-8, NUL-terminated,
 *   never NULL, valid until the object they came from is freed. Copy them
 *   to keep them longer.
 * - Strings passed in are UTF-8 and copied; the caller may free them as soon
 *   as the call returns.
 * - No function is variadic and no C++ exception ever leaves the library.
 * - Strings a server sent (job ids, states, file names, reasons) are
 *   returned as sent, control characters included: neutralize them before
 *   writing them to a terminal. A NUL inside one ("\u0000") would cut the
 *   string short, so it is replaced by U+FFFD.
 *
 * Error messages (mip_error_message) keep these promises:
 * - No secret: the token (API key or "user:password"), a password written
 *   into the endpoint and an object-storage secret key never appear, even
 *   when a server or a proxy echoes them back; they are replaced with
 *   "***". The whole token is replaced, and for "user:password" the
 *   password alone as well, before a quoted body is cut or its bytes
 *   rewritten, in every form a server may echo a secret in: as sent, as
 *   written into the JSON body (`"` and `\` escaped), HTML-escaped
 *   (`&quot;`, `&#34;`, `&amp;`, `&lt;` ...) and percent-encoded. In the
 *   server's text (a quoted page, an envelope's message) a secret of 8
 *   characters or more is replaced wherever it occurs; a shorter one only
 *   where it stands whole (not run together with ASCII letters or digits),
 *   so that the server's own words stay readable: with the token "k", "The
 *   token is illegal." is left as it is. mip's own words never hold a
 *   secret and are never masked for a short one: with the token
 *   "root:Milvus", "safe on Milvus >= 2.6.24" stays as it is. Use secrets
 *   of 8 characters or more to have them masked everywhere.
 * - No control characters: each is replaced by '?' (tab, CR and LF by a
 *   space), so that a message can neither drive a terminal nor forge lines
 *   in a log. UTF-8 otherwise.
 * - At most 1024 bytes; a longer one is cut and ends in "...".
 *
 * Threads and processes:
 * - libcurl's process-wide set-up (curl_global_init) is done once, by the
 *   first mip_client_new, and never undone. With libcurl 7.84 or later built
 *   thread-safe (Debian's is) that is all there is to it. With an older
 *   libcurl, a program that also uses libcurl itself should call
 *   curl_global_init before it starts threads; mip's call then only counts.
 * - mip never raises SIGPIPE in your process and installs no signal
 *   handler: libcurl writes with SIGPIPE held off (CURLOPT_NOSIGNAL), and
 *   name resolution needs no SIGALRM.
 * - Thread-safe are: a client (any number of calls at once), a job and its
 *   details (read from any number of threads), mip_cancel_trigger and
 *   mip_cancel_is_triggered. An options object and a wait options struct
 *   are the caller's to fill from one thread at a time.
 * - Callbacks (mip_progress_fn, mip_wait_error_fn) run on the thread that
 *   made the call, between polls, never two at once for one call. They may
 *   call any mip function, the same client included (a second call runs on
 *   a connection of its own), and may trigger a cancel token; they must not
 *   free the client, the cancel token in use, or keep the job or error they
 *   were given past their return. Keep them short: the next poll waits.
 * - A token may be triggered from any thread while calls use it, but freed
 *   only after every call using it has returned; likewise a client.
 * - Nothing in mip is async-signal-safe: never call it from a signal
 *   handler. To cancel on a signal, wait for the signal in a thread of your
 *   own (sigwait) or write to a pipe from the handler, and trigger there.
 * - After fork(), the child must not use a client made before it (its
 *   connections are shared with the parent): make a new one.
 */
#ifndef MIP_H
#define MIP_H

#include <stddef.h>
#include <stdint.h>

/* The version lives here once; the build reads it from these lines. */
#define MIP_VERSION_MAJOR 0 /* also the ABI major: the SONAME is libmip.so.0 */
#define MIP_VERSION_MINOR 1
#define MIP_VERSION_PATCH 0

/* Export macro. Define MIP_STATIC when linking the static library on
 * Windows; elsewhere it only matters while building libmip itself. */
#if defined(_WIN32) && !defined(MIP_STATIC)
#  if defined(MIP_BUILDING)
#    define MIP_API __declspec(dllexport)
#  else
#    define MIP_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define MIP_API __attribute__((visibility("default")))
#else
#  define MIP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- version */

/* The version compiled against as one number, MAJOR * 10000 + MINOR * 100
 * + PATCH (0.1.0 is 100), for comparisons in #if. */
#define MIP_VERSION_NUMBER (MIP_VERSION_MAJOR * 10000 + MIP_VERSION_MINOR * 100 + MIP_VERSION_PATCH)

/* The version compiled against as text, "MAJOR.MINOR.PATCH", made from the
 * numbers above, so that the version is written once. */
#define MIP_TEXT_OF_(text) #text
#define MIP_TEXT_OF(number) MIP_TEXT_OF_(number)
#define MIP_VERSION_STRING \
  MIP_TEXT_OF(MIP_VERSION_MAJOR) "." MIP_TEXT_OF(MIP_VERSION_MINOR) "." MIP_TEXT_OF(MIP_VERSION_PATCH)

/* The library's version at run time, e.g. "0.1.0" (the header's macros give
 * the version compiled against). Static storage; never NULL; thread-safe. */
MIP_API const char *mip_version(void);
/* The same as a number, MIP_VERSION_NUMBER of the library that runs: a
 * binding can check at load time that the library is recent enough. */
MIP_API unsigned mip_version_number(void);

/* --------------------------------------------------------------- defaults */

/* What a setting is when nobody sets it. The library uses these, and so do
 * the command line and the bindings: a program that wants "the default"
 * asks for it here instead of writing the number down again. */
#define MIP_DEFAULT_TIMEOUT_MS 30000                               /* mip_options_set_timeout_ms */
#define MIP_DEFAULT_CONNECT_TIMEOUT_MS 10000                       /* mip_options_set_connect_timeout_ms */
#define MIP_DEFAULT_MAX_RETRIES 2                                  /* mip_options_set_max_retries */
#define MIP_DEFAULT_MAX_RESPONSE_BYTES ((int64_t)64 * 1024 * 1024) /* mip_options_set_max_response_bytes */
#define MIP_DEFAULT_MAX_CONNECTIONS 8                              /* mip_options_set_max_connections */
#define MIP_DEFAULT_POLL_INTERVAL_MS 1000                          /* mip_wait_options.poll_interval_ms */

/* ------------------------------------------------------------ status codes */

/* Returned by every fallible call. Stable numbers, never renumbered. */
typedef enum mip_code {
    MIP_OK = 0,
    MIP_ERR_INVALID_ARGUMENT = 1, /* caller's input is wrong; nothing was sent */
    MIP_ERR_NO_MEMORY = 2,
    MIP_ERR_CONNECT = 3,            /* DNS, refused, unreachable; also a connection
                                       that broke before a whole response arrived */
    MIP_ERR_TLS = 4,                /* handshake or certificate verification */
    MIP_ERR_TIMEOUT = 5,            /* client deadline, or server 408 / code 10001 */
    MIP_ERR_CANCELLED = 6,          /* cancelled by the caller or a callback */
    MIP_ERR_HTTP = 7,               /* HTTP error without a JSON envelope (proxy page,
                                       404 text), and every 3xx: redirects are never
                                       followed, so the token never reaches another host */
    MIP_ERR_PROTOCOL = 8,           /* body is not the JSON we expect; response
                                       headers too large; an answer that is not
                                       HTTP/1.x (HTTP/2 frames to an HTTP/1.1 request) */
    MIP_ERR_RESPONSE_TOO_LARGE = 9, /* body longer than max_response_bytes, or a job
                                       whose details would take more memory */
    MIP_ERR_AUTH = 10,              /* 401/403 whatever the body says, codes 1800
                                       1400 1401 21119 40022 80020 */
    MIP_ERR_NOT_FOUND = 11,         /* job or cluster does not exist: 90144 40021 90102,
                                       2100 "does not exist" */
    MIP_ERR_RATE_LIMITED = 12,      /* 429, code 1807 */
    MIP_ERR_SERVER = 13,            /* any other non-success envelope, and a success
                                       envelope under a non-2xx status (401/403: AUTH,
                                       429: RATE_LIMITED); see mip_error_server_code */
    MIP_ERR_UNSUPPORTED = 14        /* this server or flavor has no such operation
                                       (commit/abort on Milvus 2.x, any commit/abort
                                       on cloud-v1); nothing was changed */
} mip_code;

/* The enumerator's name, e.g. "MIP_ERR_TIMEOUT"; "MIP_ERR_UNKNOWN" for a
 * number this version does not know. Static storage; never NULL. */
MIP_API const char *mip_code_name(mip_code code);

/* ------------------------------------------------------------------ states */

typedef enum mip_state {
    MIP_STATE_UNKNOWN = 0,
    MIP_STATE_PENDING = 1,
    MIP_STATE_IMPORTING = 2,
    MIP_STATE_COMPLETED = 3,
    MIP_STATE_FAILED = 4,
    MIP_STATE_UNCOMMITTED = 5, /* staged at 99 %, waits for commit or abort:
                                  terminal for anyone waiting */
    MIP_STATE_COMMITTING = 6
} mip_state;

/* "Unknown" "Pending" "Importing" "Completed" "Failed" "Uncommitted"
 * "Committing"; "Unknown" for a number this version does not know.
 * Static storage; never NULL. */
MIP_API const char *mip_state_name(mip_state state);

/* 1 for the states a waiter stops at: Completed, Failed and Uncommitted
 * (which waits for a commit or an abort); 0 for the others, and for a
 * number this version does not know. */
MIP_API int mip_state_is_terminal(mip_state state);

/* ----------------------------------------------------------------- flavors */

/* Which server dialect to speak. MIP_API_AUTO chooses by the endpoint's
 * host: "controller.api.*" -> CLOUD_V1, "api.cloud.zilliz.com" and
 * "api.cloud.zilliz.com.cn" -> CLOUD, anything else -> MILVUS. */
typedef enum mip_api {
    MIP_API_AUTO = 0,
    MIP_API_MILVUS = 1,  /* Milvus REST v2 (self-hosted or a cloud cluster) */
    MIP_API_CLOUD = 2,   /* Zilliz Cloud control plane v2 */
    MIP_API_CLOUD_V1 = 3 /* Zilliz Cloud control plane v1 */
} mip_api;

/* The flavor's name as the command line and the bindings spell it: "auto",
 * "milvus", "cloud", "cloud-v1"; "unknown" for a number this version does
 * not know. Static storage; never NULL. */
MIP_API const char *mip_api_name(mip_api api);
/* The flavor a name spells exactly, as mip_api_name writes it, in *out.
 * MIP_ERR_INVALID_ARGUMENT for a NULL name or out, or any other name
 * (*out is then left as it was). */
MIP_API mip_code mip_api_from_name(const char *name, mip_api *out);

/* ---------------------------------------------------------- opaque handles */

typedef struct mip_options mip_options;
typedef struct mip_client mip_client;
typedef struct mip_job mip_job;
typedef struct mip_detail mip_detail;
typedef struct mip_error mip_error;
typedef struct mip_cancel mip_cancel;
typedef struct mip_import_request mip_import_request;
typedef struct mip_job_list mip_job_list;

/* ------------------------------------------------------------------ errors */

/* What went wrong. MIP_ERR_INVALID_ARGUMENT for a NULL error. */
MIP_API mip_code mip_error_code(const mip_error *e);

/* The HTTP status of the last response whose status line arrived during the
 * failed call: the one that caused the error, also when its body then
 * failed (timed out, too large, truncated, reset), or, for a failure of no
 * response of its own (a create answered 200 without an id, a list that
 * never ended, a retry that could not connect), the last one before it; 0
 * when none arrived (connect or TLS failure, timeout before it, bad
 * argument). */
MIP_API int mip_error_http_status(const mip_error *e);

/* The server envelope's `code` (e.g. 1800, 90144); 0 when there was none. */
MIP_API int64_t mip_error_server_code(const mip_error *e);

/* A sentence saying what failed, with the HTTP status and the server's own
 * message where there were any. Borrowed from e; never NULL ("" for a NULL
 * error); never contains the token (see the rule at the top). */
MIP_API const char *mip_error_message(const mip_error *e);

/* HTTP requests the failed call sent (any of the request written to the
 * connection), retries and the Milvus fallback included: 0 when nothing was
 * (bad argument, no time left, cancelled first, a connection or TLS
 * handshake that failed before the request) and for a NULL error. A retry
 * is begun only when at least a millisecond is left before the call's
 * deadline after its pause; otherwise the call ends with the failure before
 * it, so a timeout names the request that really ran out of time. */
MIP_API int mip_error_attempts(const mip_error *e);

/* The id of a job the failing answer named, "" when none (and for NULL):
 * a create answered with a failing HTTP status but a success envelope that
 * carries the new job's id fails (the status is the one thing every proxy
 * and server agrees on), and keeps the id here and in its message, so that
 * a job the server may well have made is never lost. Borrowed from e. */
MIP_API const char *mip_error_job_id(const mip_error *e);

/* 1 when the failure may go away by itself, so that trying again later is
 * worth it: exactly what the library retries within a call (connection
 * failures and resets, timeouts, HTTP 429/502/503/504, code 1807; see
 * mip_options_set_max_retries) and what mip_wait_import polls through.
 * 0 otherwise and for NULL. The model is librdkafka's
 * rd_kafka_error_is_retriable: ask the library, keep no copy of the rule. */
MIP_API int mip_error_is_transient(const mip_error *e);

/* Frees an error. NULL is fine. */
MIP_API void mip_error_free(mip_error *e);

/* ----------------------------------------------------------------- options */

/* Options are a builder: set what you need, create clients from it (each
 * client copies the options), then free it. An options object is not
 * thread-safe; use one per thread while it is being filled.
 *
 * Every setter copies its argument and returns MIP_OK, MIP_ERR_NO_MEMORY,
 * or MIP_ERR_INVALID_ARGUMENT (NULL o, or a value out of range, containing
 * control characters, or longer than 8192 bytes: what a header line or a
 * query value carries everywhere); on failure the option is left unchanged.
 * Passing NULL or "" for a string option clears it. */

/* A new options object with every default, or NULL when out of memory. */
MIP_API mip_options *mip_options_new(void);
/* NULL is fine. */
MIP_API void mip_options_free(mip_options *o);

/* Required. "https://host[:port][/prefix]"; without a scheme https:// is
 * assumed. A trailing "/" is ignored. Checked by mip_client_new, which
 * refuses user:password@ (set the token), port 0, and a host that is not
 * ASCII (give an international name as its punycode, "xn--..."); an IPv6
 * zone ("http://[fe80::1%25eth0]:19530") is kept. */
MIP_API mip_code mip_options_set_endpoint(mip_options *o, const char *url);
/* Default MIP_API_AUTO. */
MIP_API mip_code mip_options_set_api(mip_options *o, mip_api api);
/* API key or "user:password", sent as "Authorization: Bearer <token>";
 * nothing is sent when unset. Required by the cloud flavors. */
MIP_API mip_code mip_options_set_token(mip_options *o, const char *token);
/* Cloud flavors: the cluster. CLOUD accepts project + region instead.
 * Whatever the flavor, what is set is sent: the MILVUS flavor (and AUTO on
 * a host other than the cloud's) puts clusterId, or projectId + regionId
 * when both are set, in its body, as the Go SDK does. Milvus ignores them;
 * a cloud endpoint reached under another host name (a private endpoint, a
 * proxy) needs them. */
MIP_API mip_code mip_options_set_cluster_id(mip_options *o, const char *id);
MIP_API mip_code mip_options_set_project_id(mip_options *o, const char *id);
MIP_API mip_code mip_options_set_region_id(mip_options *o, const char *id);
/* Milvus flavor: the database, sent as the DB-Name header (permission
 * checks on non-default databases depend on it). */
MIP_API mip_code mip_options_set_db_name(mip_options *o, const char *db);
/* Whole call, fallback request and retries included; 1..2^31-1. Default
 * 30000. Also sent to Milvus as Request-Timeout in whole seconds (rounded
 * up). */
MIP_API mip_code mip_options_set_timeout_ms(mip_options *o, int64_t ms);
/* TCP + TLS connect of each attempt; 1..2^31-1. Default 10000. */
MIP_API mip_code mip_options_set_connect_timeout_ms(mip_options *o, int64_t ms);
/* 0..100. Default 2. How many times a call retries a transient failure:
 * connection failures and resets, timeouts of one attempt (server 408 /
 * code 10001), HTTP 429/502/503/504 and the 1807 envelope. It waits the
 * server's Retry-After, else an exponential backoff with full jitter
 * (200 ms, 400 ms, ... up to 5 s), always inside the call's timeout and
 * cancellable. Auth, not found, invalid argument, protocol and other server
 * errors are never retried. */
MIP_API mip_code mip_options_set_max_retries(mip_options *o, int retries);
/* PEM bundle of CA certificates to trust instead of the system's. */
MIP_API mip_code mip_options_set_ca_file(mip_options *o, const char *path);
/* 0 turns certificate and host name verification off. Default on. */
MIP_API mip_code mip_options_set_tls_verify(mip_options *o, int on);
/* e.g. "http://proxy:3128". Unset: the environment's, as libcurl reads it
 * (http_proxy, or https_proxy / HTTPS_PROXY, then all_proxy / ALL_PROXY;
 * no_proxy / NO_PROXY), read once, when mip_client_new runs. The
 * cloud flavors over plain http:// (loopback only) use no proxy at all, not
 * even the environment's, since the key would cross it in clear text; with
 * this option set, mip_client_new refuses them. */
MIP_API mip_code mip_options_set_proxy(mip_options *o, const char *url);
/* Default "mip/<version>". */
MIP_API mip_code mip_options_set_user_agent(mip_options *o, const char *ua);
/* Largest response body accepted; > 0. Default 64 MiB. It also bounds the
 * memory of a job's details (a body of empty details would otherwise take
 * some twenty times its size): beyond either, MIP_ERR_RESPONSE_TOO_LARGE. */
MIP_API mip_code mip_options_set_max_response_bytes(mip_options *o, int64_t n);
/* How many connections mip_get_import_progress_many uses at most; 1..256.
 * Default 8. */
MIP_API mip_code mip_options_set_max_connections(mip_options *o, int n);

/* ------------------------------------------------------------------ client */

/* Creates a client from the options (copied: o may be freed right after).
 * Checks everything that can be checked before sending anything:
 * MIP_ERR_INVALID_ARGUMENT for a missing or malformed endpoint, a cloud
 * flavor without token or without cluster id (CLOUD: or project + region),
 * or a cloud flavor over plain http:// to a host that is not loopback or
 * through a proxy.
 *
 * A client is thread-safe: any number of threads may call it at once. It
 * keeps connections open between calls (keep-alive) and opens at most one
 * per concurrent call. */
MIP_API mip_code mip_client_new(const mip_options *o, mip_client **out, mip_error **err);

/* Closes the connections and frees the client. Only after every call on it
 * has returned. NULL is fine. */
MIP_API void mip_client_free(mip_client *c);

/* ------------------------------------------------------------ cancellation */

/* A token any thread may trigger. Every blocking call takes one (or NULL).
 * One token may serve many calls, on many threads. Returns NULL when out of
 * memory. */
MIP_API mip_cancel *mip_cancel_new(void);
/* Thread-safe: any thread may call it, at any time while t lives. Not
 * async-signal-safe (it takes a lock): never from a signal handler (see
 * "Threads and processes" above). Calls using t end promptly (well within
 * 100 ms) with MIP_ERR_CANCELLED; calls that start later fail at once.
 * Irreversible. */
MIP_API void mip_cancel_trigger(mip_cancel *t);
/* 1 once triggered, else 0 (also for NULL). */
MIP_API int mip_cancel_is_triggered(const mip_cancel *t);
/* Only after every call using t has returned. NULL is fine. */
MIP_API void mip_cancel_free(mip_cancel *t);

/* --------------------------------------------------------------- progress */

/* The job's progress: one request (plus, on an old Milvus server, the
 * documented fallback from `describe` to `get_progress`, remembered by the
 * client). On success *out is a new job the caller frees with mip_job_free.
 *
 * A failed import is not an error of this call: it returns MIP_OK with
 * mip_job_state() == MIP_STATE_FAILED. Errors: MIP_ERR_INVALID_ARGUMENT
 * (NULL client or out; a job id that is NULL, empty, not UTF-8 or holds
 * control characters), and every transport and server code of mip_code.
 * Transient failures are retried first (see mip_options_set_max_retries).
 * Thread-safe; the call blocks for at most the client's timeout. */
MIP_API mip_code mip_get_import_progress(mip_client *c, const char *job_id, mip_cancel *cancel, mip_job **out,
                                         mip_error **err);

/* Called after every successful poll of mip_wait_import, the last one
 * included, on the waiting thread. `job` is borrowed for the duration of the
 * call only. Return 0 to go on, nonzero to stop: the wait then returns
 * MIP_ERR_CANCELLED. */
typedef int (*mip_progress_fn)(const mip_job *job, void *user);

/* Called by mip_wait_import_with_options for each transient failure (see
 * mip_error_is_transient), once a poll's own retries are spent, before the
 * next poll. `error` is borrowed for the duration of the call only. Return
 * 0 to go on polling, nonzero to stop: the wait then returns that error. */
typedef int (*mip_wait_error_fn)(const mip_error *error, void *user);

/* How mip_wait_import_with_options waits. Fill it with
 * mip_wait_options_init(&o, sizeof o) first, which sets `size` and every
 * default, then change what you need. A program compiled against an older
 * header has a smaller struct and says so: the library writes and reads
 * only that much, and the fields past it keep their defaults (libgit2's
 * versioned option structs are the model). */
typedef struct mip_wait_options {
    size_t size;                 /* the caller's sizeof(mip_wait_options), set by init */
    int64_t poll_interval_ms;    /* > 0; default MIP_DEFAULT_POLL_INTERVAL_MS */
    int64_t timeout_ms;          /* the whole wait; <= 0 (default): no deadline */
    mip_progress_fn on_progress; /* after each successful poll; may be NULL */
    mip_wait_error_fn on_error;  /* after each transient failure; may be NULL */
    void *user;                  /* passed to both callbacks */
} mip_wait_options;

/* Sets o->size = size and every default, writing no more than `size`
 * bytes: pass sizeof of your struct. MIP_ERR_INVALID_ARGUMENT for a NULL o
 * or a size too small to hold `size` itself. */
MIP_API mip_code mip_wait_options_init(mip_wait_options *o, size_t size);

/* Polls until the job is Completed, Failed or Uncommitted and returns that
 * snapshot in *out (MIP_OK; a failed job is not an error of the call).
 * poll_interval_ms > 0 is the pause between polls; timeout_ms <= 0 waits
 * with no deadline, otherwise MIP_ERR_TIMEOUT once it has passed (each poll
 * also keeps the client's own timeout). on_progress may be NULL.
 * Transient errors, once a poll's own retries are spent, only mean "poll
 * again"; MIP_ERR_NOT_FOUND, MIP_ERR_AUTH, MIP_ERR_PROTOCOL and the like end
 * the wait with that error. `cancel` ends it at once, during a poll or a
 * pause. Thread-safe. */
MIP_API mip_code mip_wait_import(mip_client *c, const char *job_id, int64_t poll_interval_ms, int64_t timeout_ms,
                                 mip_progress_fn on_progress, void *user, mip_cancel *cancel, mip_job **out,
                                 mip_error **err);

/* mip_wait_import with its settings in `o` (NULL: every default), and one
 * more: o->on_error hears of each transient failure the wait polls through,
 * so that a program (the mip command line among them) can show them while
 * the library keeps the rule of what is transient. MIP_ERR_INVALID_ARGUMENT
 * also for o->size smaller than the first field's end or
 * o->poll_interval_ms <= 0. Thread-safe. */
MIP_API mip_code mip_wait_import_with_options(mip_client *c, const char *job_id, const mip_wait_options *o,
                                              mip_cancel *cancel, mip_job **out, mip_error **err);

/* ------------------------------------------------------------ import jobs */

/* What to import: a builder, like mip_options, that mip_create_import
 * copies what it needs from; it may be reused or freed right after. Not
 * thread-safe while being set. Every setter returns MIP_ERR_INVALID_ARGUMENT
 * for a NULL request and for text that is NULL (where not allowed), not
 * UTF-8, holds control characters or exceeds 8192 bytes, leaving the
 * request as it was; mip_create_import names the problem in its error.
 * Returns NULL when out of memory. */
MIP_API mip_import_request *mip_import_request_new(void);
/* NULL is fine. */
MIP_API void mip_import_request_free(mip_import_request *r);
/* Required: the collection to import into. */
MIP_API mip_code mip_import_request_set_collection(mip_import_request *r, const char *name);
/* NULL or "": the default partition. */
MIP_API mip_code mip_import_request_set_partition(mip_import_request *r, const char *name);
/* Adds one group of files: one JSON, Parquet or CSV file, or the .npy files
 * of one set (one per field). Paths are as the server reads them: relative
 * to its bucket for Milvus, URLs such as s3://... for the cloud flavors.
 * At least one group is required; count 0, a NULL array and an empty path
 * are MIP_ERR_INVALID_ARGUMENT. The cloud-v1 flavor takes exactly one path
 * (a file or a folder). */
MIP_API mip_code mip_import_request_add_files(mip_import_request *r, const char *const *paths, size_t count);
/* Sent in "options" as a JSON string (the servers take strings only): e.g.
 * "timeout" = "300s", "sep" = ",". A key set again keeps the last value.
 * The key must not be empty. Not for cloud-v1, which takes no options. */
MIP_API mip_code mip_import_request_set_option(mip_import_request *r, const char *key, const char *value);
/* 1 (the default): the job commits itself. 0 sends options.auto_commit
 * "false" (Milvus >= 3.0): the job stops at MIP_STATE_UNCOMMITTED until
 * mip_commit_import or mip_abort_import. The same as setting the option
 * "auto_commit"; the last of the two calls wins. */
MIP_API mip_code mip_import_request_set_auto_commit(mip_import_request *r, int on);
/* The object storage's keys, sent by the cloud flavors only (a Milvus
 * server reads its own storage: a request that carries keys is refused
 * there). Both non-empty, or both NULL to clear them. The secret key, like
 * the token, never appears in an error message, even when a server echoes
 * it back. */
MIP_API mip_code mip_import_request_set_object_credentials(mip_import_request *r, const char *access_key,
                                                           const char *secret_key);
/* The Idempotency-Key header: printable ASCII, 1 to 256 bytes, no space at
 * either end (HTTP drops those: the server would see another key). Milvus >=
 * 2.6.24 and >= 3.0.2 answer a repeated create with the same key (in the
 * same collection, for about a day) with the first job's id. NULL (the
 * default): a new random key for each mip_create_import, the same on that
 * call's own retries. */
MIP_API mip_code mip_import_request_set_idempotency_key(mip_import_request *r, const char *key);

/* Starts an import job. On success *job_id is the new job's id, every digit
 * kept whether the server sent a string or a number; free it with mip_free.
 *
 * Errors: MIP_ERR_INVALID_ARGUMENT, before anything is sent, for a NULL
 * client, request or job_id, no collection, no group of files, and what the
 * flavor cannot carry (options or more than one path on cloud-v1, object
 * keys on Milvus); the server's refusals (1100 malformed, 1802 a field
 * missing, 2100 e.g. too many files) as MIP_ERR_SERVER with its code and
 * message; and every transport code. Creating is not idempotent: each
 * attempt (mip_error_attempts) sends the request once, on a connection of
 * its own, which libcurl never sends it again on by itself; it is retried
 * only after failures that prove the server took nothing (the connection
 * could not be made; HTTP 429 or code 1807). Every failure after the
 * request was checked ends its message with the Idempotency-Key. After a
 * failure that is not the server's refusal (a timeout, a reset, a cancel
 * mid-transfer, a 5xx page, a cut or garbled answer, a 200 without an id,
 * a failing status with a success envelope, whose job id is kept: see
 * mip_error_job_id) the job may exist: the message says so, and that
 * retrying with the key is safe on Milvus >= 2.6.24 / 3.0.2. After a
 * refusal (an error envelope, a 4xx page, auth, a rate limit) it says no
 * job was created. Thread-safe; blocks for at most the client's timeout. */
MIP_API mip_code mip_create_import(mip_client *c, const mip_import_request *r, mip_cancel *cancel, char **job_id,
                                   mip_error **err);

/* The import jobs the server lists, optionally of one collection (NULL or
 * "": all the caller may see). On the cloud flavors the list comes in pages:
 * they are all asked for, one after the other, until the server's count has
 * arrived or a page comes back empty, within the client's timeout for the
 * whole list (a server that pages without end is MIP_ERR_PROTOCOL after
 * 10,000 pages). A job listed on two pages is kept once. A list that ends
 * short of the count the server gave (an empty page, a server that repeats
 * a page instead of going on) is still returned, and says so: see
 * mip_job_list_is_complete. Jobs are snapshots, read with the mip_job_*
 * accessors: id, collection, state, progress and reason; the rest "" or
 * -1, and no details. On success *out is a new list the caller frees with
 * mip_job_list_free. Errors as for mip_get_import_progress; a list whose
 * jobs (their text included) would take more than the client's
 * max_response_bytes is MIP_ERR_RESPONSE_TOO_LARGE. Thread-safe. */
MIP_API mip_code mip_list_imports(mip_client *c, const char *collection, mip_cancel *cancel, mip_job_list **out,
                                  mip_error **err);
/* 0 for NULL. */
MIP_API size_t mip_job_list_count(const mip_job_list *l);
/* 1 when the list holds every job the server said it has (or it said no
 * count and its pages ended); 0 when it ended short of that count, and for
 * NULL. Jobs that moved between pages while they were read can make a
 * list short too: list again for the rest. */
MIP_API int mip_job_list_is_complete(const mip_job_list *l);
/* Borrowed from l, valid until mip_job_list_free (never pass it to
 * mip_job_free); NULL past the end. In the server's order. */
MIP_API const mip_job *mip_job_list_get(const mip_job_list *l, size_t index);
/* NULL is fine. Invalidates every job and string borrowed from l. */
MIP_API void mip_job_list_free(mip_job_list *l);

/* ------------------------------------------------------ two-phase import */

/* A job created with auto_commit "false" (Milvus >= 3.0) stops at
 * MIP_STATE_UNCOMMITTED with its data staged; these end it. Commit moves it
 * to Committing, then Completed; abort ends it Failed, with a reason that
 * says it was aborted (a second abort succeeds).
 *
 * Errors: MIP_ERR_INVALID_ARGUMENT (NULL client, a job id as for
 * mip_get_import_progress); MIP_ERR_UNSUPPORTED from a server without the
 * routes (its plain-text 404: never retried, never answered through
 * another route) and from the CLOUD_V1 flavor, which has no two-phase
 * import (nothing is sent); a 404 that carries a JSON envelope is the
 * server's answer, not a missing route; MIP_ERR_NOT_FOUND for a job that does not
 * exist; the server's refusals (a commit outside Uncommitted, an abort of
 * a Committing or Completed job) as MIP_ERR_SERVER with its code and
 * message; and every transport code. Unlike reading progress, these are
 * retried only after failures that prove the server did nothing (the
 * connection could not be made; HTTP 429 or code 1807), and each attempt
 * sends the request once, as for mip_create_import: after a failure that
 * is not the server's refusal (a timeout, a reset, a 5xx page, a garbled
 * answer) the job may have changed, and the message says so.
 * Thread-safe; blocks for at most the client's timeout. */
MIP_API mip_code mip_commit_import(mip_client *c, const char *job_id, mip_cancel *cancel, mip_error **err);
MIP_API mip_code mip_abort_import(mip_client *c, const char *job_id, mip_cancel *cancel, mip_error **err);

/* Frees memory the library handed out as a plain pointer (such as a job id
 * it created). NULL is fine. */
MIP_API void mip_free(void *p);

/* The progress of `count` jobs at once, over at most max_connections
 * connections (see mip_options_set_max_connections). For each i, jobs[i]
 * receives the job or NULL and, when `errors` is not NULL, errors[i]
 * receives NULL or the error (the caller frees each). A NULL or empty
 * job_ids[i] fails that index alone with MIP_ERR_INVALID_ARGUMENT. Returns
 * MIP_OK when every job succeeded, else the code of the first failing index;
 * MIP_ERR_INVALID_ARGUMENT without touching the arrays for a NULL client,
 * or NULL job_ids or jobs with count > 0. Thread-safe. */
MIP_API mip_code mip_get_import_progress_many(mip_client *c, const char *const *job_ids, size_t count,
                                              mip_cancel *cancel, mip_job **jobs, mip_error **errors);

/* --------------------------------------------------------------------- job */

/* A job is immutable and may be read from any number of threads. Strings are
 * borrowed, valid until mip_job_free, never NULL ("" when the server sent
 * none); integers are -1 when the server did not report them. */
MIP_API const char *mip_job_id(const mip_job *j); /* a numeric id keeps all its digits */
MIP_API const char *mip_job_collection_name(const mip_job *j);
MIP_API const char *mip_job_file_name(const mip_job *j); /* cloud flavors */
MIP_API mip_state mip_job_state(const mip_job *j);
MIP_API const char *mip_job_state_text(const mip_job *j); /* raw server text, e.g. "ImportRunning";
                                                             "" where derived (cloud-v1) */
MIP_API int mip_job_progress(const mip_job *j);           /* 0..100 across flavors; -1 unreported */
MIP_API int64_t mip_job_imported_rows(const mip_job *j);
MIP_API int64_t mip_job_total_rows(const mip_job *j);
MIP_API int64_t mip_job_file_size(const mip_job *j);
MIP_API const char *mip_job_create_time(const mip_job *j); /* RFC 3339 as sent */
MIP_API const char *mip_job_complete_time(const mip_job *j);
MIP_API const char *mip_job_reason(const mip_job *j); /* reason or errorMessage */
MIP_API size_t mip_job_detail_count(const mip_job *j);
/* Per-file detail, borrowed from j; NULL past the end. */
MIP_API const mip_detail *mip_job_detail(const mip_job *j, size_t index);
/* NULL is fine. Invalidates every string and detail borrowed from j. */
MIP_API void mip_job_free(mip_job *j);

/* ------------------------------------------------------------------ detail */

/* Borrowed from its job: same rules, valid until mip_job_free. */
MIP_API const char *mip_detail_file_name(const mip_detail *d); /* as sent, e.g. Milvus's "[a.npy b.npy]" */
MIP_API mip_state mip_detail_state(const mip_detail *d);
MIP_API const char *mip_detail_state_text(const mip_detail *d);
MIP_API int mip_detail_progress(const mip_detail *d);
MIP_API int64_t mip_detail_imported_rows(const mip_detail *d);
MIP_API int64_t mip_detail_total_rows(const mip_detail *d);
MIP_API int64_t mip_detail_file_size(const mip_detail *d);
MIP_API const char *mip_detail_complete_time(const mip_detail *d);
MIP_API const char *mip_detail_reason(const mip_detail *d);

/* ------------------------------------------------------ details in bulk */

/* One detail as mip_job_details_read copies it out: every field of the
 * mip_detail_* accessors, each string with its length in bytes (no NUL
 * counted; the string is NUL-terminated all the same). Strings are borrowed
 * from the job, as the accessors' are. New fields are only ever added at
 * the end: `size` says how much of the struct the caller knows. */
typedef struct mip_detail_info {
    size_t size; /* the caller's sizeof(mip_detail_info): set it in out[0] */
    const char *file_name;
    size_t file_name_len;
    const char *state_text;
    size_t state_text_len;
    const char *complete_time;
    size_t complete_time_len;
    const char *reason;
    size_t reason_len;
    int64_t imported_rows;
    int64_t total_rows;
    int64_t file_size;
    mip_state state;
    int progress;
} mip_detail_info;

/* Copies details start, start + 1, ... of j into out[0], out[1], ...: at
 * most `count`, fewer at the end of the job. Returns how many were written
 * (0 for a NULL j or out, start past the end, or out[0].size too small to
 * hold the first field after it). out[0].size is the caller's
 * sizeof(mip_detail_info) and the array's stride: each entry gets `size`
 * set and the fields that fit in it; bytes past it are left alone, so a
 * program built against an older header keeps working. One call reads many
 * details: what a binding should use instead of nine calls per detail. */
MIP_API size_t mip_job_details_read(const mip_job *j, size_t start, mip_detail_info *out, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* MIP_H */
