// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Mip
{
    /// <summary>
    /// The C API of libmip (include/mip.h), one <c>[DllImport]</c> per function for both targets.
    /// Every parameter is a type the runtime marshals without reflection (blittable values and
    /// pointers, SafeHandles, arrays of bytes and pointers, <c>out IntPtr</c>), which NativeAOT
    /// compiles ahead of time, so the net8.0 build stays trimming- and AOT-safe.
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
    internal static unsafe class NativeMethods
    {
        /// <summary>The library name every declaration uses; see <c>NativeLoader</c>.</summary>
        internal const string Lib = "mip";

        /// <summary>mip_progress_fn, as netstandard2.0 passes it (a delegate turned into a function pointer).</summary>
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate int ProgressFn(IntPtr job, IntPtr user);

        // ---------------------------------------------------------- version, names
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern uint mip_version_number();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_code_name(int code);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_state_name(int state);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_state_is_terminal(int state);

        // ------------------------------------------------------------------ errors
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_code(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_http_status(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_error_server_code(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_error_message(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_attempts(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_error_job_id(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_error_is_transient(ErrorHandle e);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_error_free(IntPtr e);

        // ----------------------------------------------------------------- options
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_options_new();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_options_free(IntPtr o);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_endpoint(OptionsHandle o, byte[]? url);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_api(OptionsHandle o, int api);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_token(OptionsHandle o, byte[]? token);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_cluster_id(OptionsHandle o, byte[]? id);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_project_id(OptionsHandle o, byte[]? id);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_region_id(OptionsHandle o, byte[]? id);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_db_name(OptionsHandle o, byte[]? db);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_timeout_ms(OptionsHandle o, long ms);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_connect_timeout_ms(OptionsHandle o, long ms);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_max_retries(OptionsHandle o, int retries);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_ca_file(OptionsHandle o, byte[]? path);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_tls_verify(OptionsHandle o, int on);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_proxy(OptionsHandle o, byte[]? url);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_user_agent(OptionsHandle o, byte[]? ua);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_max_response_bytes(OptionsHandle o, long n);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_options_set_max_connections(OptionsHandle o, int n);

        // ------------------------------------------------------------------ client
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_client_new(OptionsHandle o, out IntPtr client, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_client_free(IntPtr c);

        // ------------------------------------------------------------ cancellation
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_cancel_new();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_cancel_trigger(CancelHandle t);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_cancel_free(IntPtr t);

        // ---------------------------------------------------------------- progress
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_get_import_progress(ClientHandle c, byte[] jobId, CancelHandle cancel,
                                                           out IntPtr job, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_wait_import(ClientHandle c, byte[] jobId, long pollIntervalMs, long timeoutMs,
                                                   IntPtr onProgress, IntPtr user, CancelHandle cancel,
                                                   out IntPtr job, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_get_import_progress_many(ClientHandle c, IntPtr[] jobIds, nuint count,
                                                                CancelHandle cancel, [Out] IntPtr[] jobs,
                                                                [Out] IntPtr[] errors);

        // -------------------------------------------------------------- import jobs
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_import_request_new();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_import_request_free(IntPtr r);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_collection(RequestHandle r, byte[]? name);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_partition(RequestHandle r, byte[]? name);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_add_files(RequestHandle r, IntPtr* paths, nuint count);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_option(RequestHandle r, byte[]? key, byte[]? value);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_auto_commit(RequestHandle r, int on);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_object_credentials(RequestHandle r, byte[]? accessKey,
                                                                             byte[]? secretKey);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_import_request_set_idempotency_key(RequestHandle r, byte[]? key);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_create_import(ClientHandle c, RequestHandle r, CancelHandle cancel,
                                                     out IntPtr jobId, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_list_imports(ClientHandle c, byte[]? collection, CancelHandle cancel,
                                                    out IntPtr list, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern nuint mip_job_list_count(JobListHandle l);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_job_list_is_complete(JobListHandle l);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_list_get(JobListHandle l, nuint index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_job_list_free(IntPtr l);

        // --------------------------------------------------------- two-phase import
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_commit_import(ClientHandle c, byte[] jobId, CancelHandle cancel, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_abort_import(ClientHandle c, byte[] jobId, CancelHandle cancel, out IntPtr err);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_free(IntPtr p);

        // --------------------------------------------------------------------- job
        // `j` is a job borrowed for the call: a JobHandle's pointer inside its lifetime, or
        // the job a progress callback received.
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_id(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_collection_name(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_file_name(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_job_state(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_state_text(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_job_progress(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_job_imported_rows(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_job_total_rows(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_job_file_size(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_create_time(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_complete_time(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_reason(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern nuint mip_job_detail_count(IntPtr j);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_job_detail(IntPtr j, nuint index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void mip_job_free(IntPtr j);

        // ------------------------------------------------------------------ detail
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_file_name(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_detail_state(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_state_text(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int mip_detail_progress(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_detail_imported_rows(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_detail_total_rows(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern long mip_detail_file_size(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_complete_time(IntPtr d);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr mip_detail_reason(IntPtr d);

        // --------------------------------------------------------- details in bulk
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern nuint mip_job_details_read(IntPtr j, nuint start, DetailInfo* output, nuint count);
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
