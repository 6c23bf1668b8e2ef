// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security;

namespace Mip
{
    /// <summary>
    /// The C API of libmip (include/mip.h), one declaration per function, in two forms: on net8.0
    /// <c>[LibraryImport]</c>, whose marshalling code the source generator writes at build time (no
    /// run-time IL stubs, trimming- and AOT-safe); on netstandard2.0 (Mono, .NET Framework) the same
    /// signature as <c>[DllImport]</c>. Keep each pair identical but for the attribute.
    /// </summary>
    /// <remarks>
    /// Conventions:
    /// <list type="bullet">
    /// <item>Every owned handle a function creates is returned as <see cref="IntPtr"/> and wrapped
    /// at once in its <see cref="SafeHandle"/> (<see cref="ClientHandle"/>, <see cref="JobHandle"/>, ...);
    /// handles passed in are the SafeHandle types, so the marshaller keeps them alive (and unfreed)
    /// for the duration of the call.</item>
    /// <item>Borrowed objects (a job inside a progress callback, a job of a list, a detail of a job)
    /// and borrowed strings (<c>const char *</c>) are <see cref="IntPtr"/>; strings are read by
    /// <see cref="Utf8.FromNative(IntPtr)"/>, never marshalled as <c>string</c> returns (which would free them).</item>
    /// <item>Strings passed in are NUL-terminated UTF-8 <c>byte[]</c> made by <see cref="Utf8.Encode"/>;
    /// <c>null</c> passes NULL.</item>
    /// <item><c>mip_code</c>, <c>mip_state</c> and <c>mip_api</c> are C enums: <c>int</c>.
    /// <c>size_t</c> is <see cref="nuint"/>, <c>unsigned</c> is <see cref="uint"/>.</item>
    /// <item>Callbacks are passed as plain function pointers: an <c>[UnmanagedCallersOnly]</c> method
    /// on net8.0, a delegate rooted for the life of the process on netstandard2.0.</item>
    /// </list>
    /// Which file "mip" is: <c>NativeLoader</c> (net8.0), Mip.dll.config (Mono).
    /// </remarks>
    [SuppressUnmanagedCodeSecurity]
    internal static unsafe partial class NativeMethods
    {
        /// <summary>The library name every declaration uses; see <c>NativeLoader</c>.</summary>
        internal const string Lib = "mip";

        /// <summary>mip_progress_fn, as netstandard2.0 passes it (a delegate turned into a function pointer).</summary>
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate int ProgressFn(IntPtr job, IntPtr user);

        // ---------------------------------------------------------- version, names
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_version();
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_version();
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial uint mip_version_number();
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern uint mip_version_number();
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_code_name(int code);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_code_name(int code);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_state_name(int state);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_state_name(int state);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_state_is_terminal(int state);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_state_is_terminal(int state);
#endif

        // ------------------------------------------------------------------ errors
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_error_code(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_code(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_error_http_status(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_http_status(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_error_server_code(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_error_server_code(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_error_message(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_error_message(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_error_attempts(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_attempts(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_error_job_id(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_error_job_id(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_error_is_transient(ErrorHandle e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_is_transient(ErrorHandle e);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_error_free(IntPtr e);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_error_free(IntPtr e);
#endif

        // ----------------------------------------------------------------- options
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_options_new();
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_options_new();
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_options_free(IntPtr o);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_options_free(IntPtr o);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_endpoint(OptionsHandle o, byte[]? url);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_endpoint(OptionsHandle o, byte[]? url);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_api(OptionsHandle o, int api);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_api(OptionsHandle o, int api);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_token(OptionsHandle o, byte[]? token);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_token(OptionsHandle o, byte[]? token);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_cluster_id(OptionsHandle o, byte[]? id);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_cluster_id(OptionsHandle o, byte[]? id);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_project_id(OptionsHandle o, byte[]? id);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_project_id(OptionsHandle o, byte[]? id);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_region_id(OptionsHandle o, byte[]? id);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_region_id(OptionsHandle o, byte[]? id);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_db_name(OptionsHandle o, byte[]? db);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_db_name(OptionsHandle o, byte[]? db);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_timeout_ms(OptionsHandle o, long ms);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_timeout_ms(OptionsHandle o, long ms);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_connect_timeout_ms(OptionsHandle o, long ms);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_connect_timeout_ms(OptionsHandle o, long ms);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_max_retries(OptionsHandle o, int retries);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_max_retries(OptionsHandle o, int retries);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_ca_file(OptionsHandle o, byte[]? path);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_ca_file(OptionsHandle o, byte[]? path);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_tls_verify(OptionsHandle o, int on);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_tls_verify(OptionsHandle o, int on);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_proxy(OptionsHandle o, byte[]? url);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_proxy(OptionsHandle o, byte[]? url);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_user_agent(OptionsHandle o, byte[]? ua);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_user_agent(OptionsHandle o, byte[]? ua);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_max_response_bytes(OptionsHandle o, long n);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_max_response_bytes(OptionsHandle o, long n);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_options_set_max_connections(OptionsHandle o, int n);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_max_connections(OptionsHandle o, int n);
#endif

        // ------------------------------------------------------------------ client
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_client_new(OptionsHandle o, out IntPtr client, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_client_new(OptionsHandle o, out IntPtr client, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_client_free(IntPtr c);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_client_free(IntPtr c);
#endif

        // ------------------------------------------------------------ cancellation
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_cancel_new();
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_cancel_new();
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_cancel_trigger(CancelHandle t);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_cancel_trigger(CancelHandle t);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_cancel_is_triggered(CancelHandle t);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_cancel_is_triggered(CancelHandle t);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_cancel_free(IntPtr t);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_cancel_free(IntPtr t);
#endif

        // ---------------------------------------------------------------- progress
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_get_import_progress(ClientHandle c, byte[] jobId, CancelHandle cancel,
                                                           out IntPtr job, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_get_import_progress(ClientHandle c, byte[] jobId, CancelHandle cancel,
                                                           out IntPtr job, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_wait_import(ClientHandle c, byte[] jobId, long pollIntervalMs, long timeoutMs,
                                                   IntPtr onProgress, IntPtr user, CancelHandle cancel,
                                                   out IntPtr job, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_wait_import(ClientHandle c, byte[] jobId, long pollIntervalMs, long timeoutMs,
                                                   IntPtr onProgress, IntPtr user, CancelHandle cancel,
                                                   out IntPtr job, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_get_import_progress_many(ClientHandle c, IntPtr[] jobIds, nuint count,
                                                                CancelHandle cancel, [Out] IntPtr[] jobs,
                                                                [Out] IntPtr[] errors);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_get_import_progress_many(ClientHandle c, IntPtr[] jobIds, nuint count,
                                                                CancelHandle cancel, [Out] IntPtr[] jobs,
                                                                [Out] IntPtr[] errors);
#endif


        // -------------------------------------------------------------- import jobs
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_import_request_new();
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_import_request_new();
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_import_request_free(IntPtr r);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_import_request_free(IntPtr r);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_set_collection(RequestHandle r, byte[]? name);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_collection(RequestHandle r, byte[]? name);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_set_partition(RequestHandle r, byte[]? name);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_partition(RequestHandle r, byte[]? name);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_add_files(RequestHandle r, IntPtr* paths, nuint count);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_add_files(RequestHandle r, IntPtr* paths, nuint count);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_set_option(RequestHandle r, byte[]? key, byte[]? value);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_option(RequestHandle r, byte[]? key, byte[]? value);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_set_auto_commit(RequestHandle r, int on);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_auto_commit(RequestHandle r, int on);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_set_object_credentials(RequestHandle r, byte[]? accessKey,
                                                                             byte[]? secretKey);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_object_credentials(RequestHandle r, byte[]? accessKey,
                                                                             byte[]? secretKey);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_import_request_set_idempotency_key(RequestHandle r, byte[]? key);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_idempotency_key(RequestHandle r, byte[]? key);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_create_import(ClientHandle c, RequestHandle r, CancelHandle cancel,
                                                     out IntPtr jobId, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_create_import(ClientHandle c, RequestHandle r, CancelHandle cancel,
                                                     out IntPtr jobId, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_list_imports(ClientHandle c, byte[]? collection, CancelHandle cancel,
                                                    out IntPtr list, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_list_imports(ClientHandle c, byte[]? collection, CancelHandle cancel,
                                                    out IntPtr list, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial nuint mip_job_list_count(JobListHandle l);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern nuint mip_job_list_count(JobListHandle l);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_job_list_is_complete(JobListHandle l);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_job_list_is_complete(JobListHandle l);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_list_get(JobListHandle l, nuint index);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_list_get(JobListHandle l, nuint index);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_job_list_free(IntPtr l);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_job_list_free(IntPtr l);
#endif

        // --------------------------------------------------------- two-phase import
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_commit_import(ClientHandle c, byte[] jobId, CancelHandle cancel, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_commit_import(ClientHandle c, byte[] jobId, CancelHandle cancel, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_abort_import(ClientHandle c, byte[] jobId, CancelHandle cancel, out IntPtr err);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_abort_import(ClientHandle c, byte[] jobId, CancelHandle cancel, out IntPtr err);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_free(IntPtr p);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_free(IntPtr p);
#endif

        // --------------------------------------------------------------------- job
        // `j` is a job borrowed for the call: a JobHandle's pointer inside its lifetime, or
        // the job a progress callback received.
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_id(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_id(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_collection_name(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_collection_name(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_file_name(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_file_name(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_job_state(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_job_state(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_state_text(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_state_text(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_job_progress(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_job_progress(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_job_imported_rows(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_job_imported_rows(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_job_total_rows(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_job_total_rows(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_job_file_size(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_job_file_size(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_create_time(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_create_time(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_complete_time(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_complete_time(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_reason(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_reason(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial nuint mip_job_detail_count(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern nuint mip_job_detail_count(IntPtr j);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_job_detail(IntPtr j, nuint index);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_detail(IntPtr j, nuint index);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial void mip_job_free(IntPtr j);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_job_free(IntPtr j);
#endif

        // ------------------------------------------------------------------ detail
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_detail_file_name(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_file_name(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_detail_state(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_detail_state(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_detail_state_text(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_state_text(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial int mip_detail_progress(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_detail_progress(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_detail_imported_rows(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_detail_imported_rows(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_detail_total_rows(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_detail_total_rows(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial long mip_detail_file_size(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_detail_file_size(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_detail_complete_time(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_complete_time(IntPtr d);
#endif

#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial IntPtr mip_detail_reason(IntPtr d);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_reason(IntPtr d);
#endif

        // --------------------------------------------------------- details in bulk
#if NET8_0_OR_GREATER
        [LibraryImport(Lib)]
        internal static partial nuint mip_job_details_read(IntPtr j, nuint start, DetailInfo* output, nuint count);
#else
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern nuint mip_job_details_read(IntPtr j, nuint start, DetailInfo* output, nuint count);
#endif
    }

    /// <summary><c>mip_detail_info</c>, field for field; <see cref="Size"/> is this struct's size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct DetailInfo
    {
        internal nuint Size;
        internal byte* FileName;
        internal nuint FileNameLen;
        internal byte* StateText;
        internal nuint StateTextLen;
        internal byte* CompleteTime;
        internal nuint CompleteTimeLen;
        internal byte* Reason;
        internal nuint ReasonLen;
        internal long ImportedRows;
        internal long TotalRows;
        internal long FileSize;
        internal int State;
        internal int Progress;
    }
}
