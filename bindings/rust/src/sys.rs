// SPDX-License-Identifier: Apache-2.0
//! Raw declarations of `mip.h`, one for one.
//!
//! Everything here is `unsafe` to call and follows the C rules written in
//! the header (ownership, borrowed strings, NULL handling). Prefer the safe
//! API at the crate root. The C enums are plain `c_int` type aliases with one
//! constant per enumerator; a test compares them with the header.

#![allow(non_camel_case_types, missing_docs)]

use std::os::raw::{c_char, c_int, c_uint, c_void};

macro_rules! c_enum {
    ($(#[$m:meta])* $ty:ident, $table:ident { $($name:ident = $val:expr,)* }) => {
        $(#[$m])*
        pub type $ty = c_int;
        $(pub const $name: $ty = $val;)*
        /// Every enumerator of this C enum, as `(name, value)`.
        pub const $table: &[(&str, $ty)] = &[$((stringify!($name), $name),)*];
    };
}

c_enum! {
    /// `mip_code`: returned by every fallible call.
    mip_code, MIP_CODE_ENUMERATORS {
        MIP_OK = 0,
        MIP_ERR_INVALID_ARGUMENT = 1,
        MIP_ERR_NO_MEMORY = 2,
        MIP_ERR_CONNECT = 3,
        MIP_ERR_TLS = 4,
        MIP_ERR_TIMEOUT = 5,
        MIP_ERR_CANCELLED = 6,
        MIP_ERR_HTTP = 7,
        MIP_ERR_PROTOCOL = 8,
        MIP_ERR_RESPONSE_TOO_LARGE = 9,
        MIP_ERR_AUTH = 10,
        MIP_ERR_NOT_FOUND = 11,
        MIP_ERR_RATE_LIMITED = 12,
        MIP_ERR_SERVER = 13,
        MIP_ERR_UNSUPPORTED = 14,
    }
}

c_enum! {
    /// `mip_state`: the state of a job or of one of its files.
    mip_state, MIP_STATE_ENUMERATORS {
        MIP_STATE_UNKNOWN = 0,
        MIP_STATE_PENDING = 1,
        MIP_STATE_IMPORTING = 2,
        MIP_STATE_COMPLETED = 3,
        MIP_STATE_FAILED = 4,
        MIP_STATE_UNCOMMITTED = 5,
        MIP_STATE_COMMITTING = 6,
    }
}

c_enum! {
    /// `mip_api`: the server dialect.
    mip_api, MIP_API_ENUMERATORS {
        MIP_API_AUTO = 0,
        MIP_API_MILVUS = 1,
        MIP_API_CLOUD = 2,
        MIP_API_CLOUD_V1 = 3,
    }
}

/// `MIP_VERSION_MAJOR` of the header this crate was written against.
pub const MIP_VERSION_MAJOR: c_int = 0;
/// `MIP_VERSION_MINOR`.
pub const MIP_VERSION_MINOR: c_int = 1;
/// `MIP_VERSION_PATCH`.
pub const MIP_VERSION_PATCH: c_int = 0;
/// `MIP_VERSION_NUMBER`: the header's version as one number, comparable
/// with [`mip_version_number`].
pub const MIP_VERSION_NUMBER: c_uint =
    (MIP_VERSION_MAJOR * 10000 + MIP_VERSION_MINOR * 100 + MIP_VERSION_PATCH) as c_uint;

// The `MIP_DEFAULT_*` macros: what libmip uses for a setting nobody set.
// Rust cannot read C macros, so they are written here once and
// tests/sys_header.rs checks them against the header. The safe API leaves
// unset options unset; these are for showing or reusing a default.

/// `MIP_DEFAULT_TIMEOUT_MS` ([`mip_options_set_timeout_ms`]).
pub const MIP_DEFAULT_TIMEOUT_MS: i64 = 30_000;
/// `MIP_DEFAULT_CONNECT_TIMEOUT_MS` ([`mip_options_set_connect_timeout_ms`]).
pub const MIP_DEFAULT_CONNECT_TIMEOUT_MS: i64 = 10_000;
/// `MIP_DEFAULT_MAX_RETRIES` ([`mip_options_set_max_retries`]).
pub const MIP_DEFAULT_MAX_RETRIES: c_int = 2;
/// `MIP_DEFAULT_MAX_RESPONSE_BYTES` ([`mip_options_set_max_response_bytes`]).
pub const MIP_DEFAULT_MAX_RESPONSE_BYTES: i64 = 64 * 1024 * 1024;
/// `MIP_DEFAULT_MAX_CONNECTIONS` ([`mip_options_set_max_connections`]).
pub const MIP_DEFAULT_MAX_CONNECTIONS: c_int = 8;
/// `MIP_DEFAULT_POLL_INTERVAL_MS` ([`mip_wait_options::poll_interval_ms`]).
pub const MIP_DEFAULT_POLL_INTERVAL_MS: i64 = 1_000;

macro_rules! opaque {
    ($($(#[$m:meta])* $name:ident;)*) => {$(
        $(#[$m])*
        #[repr(C)]
        pub struct $name {
            _private: [u8; 0],
            // Neither Send, Sync nor Unpin: the safe wrappers decide.
            _marker: core::marker::PhantomData<(*mut u8, core::marker::PhantomPinned)>,
        }
    )*};
}

opaque! {
    /// Options builder (`mip_options`).
    mip_options;
    /// Thread-safe client (`mip_client`).
    mip_client;
    /// Immutable job snapshot (`mip_job`).
    mip_job;
    /// One file of a job, borrowed from it (`mip_detail`).
    mip_detail;
    /// An error the caller owns (`mip_error`).
    mip_error;
    /// Cancellation token (`mip_cancel`).
    mip_cancel;
    /// What to import, a builder (`mip_import_request`).
    mip_import_request;
    /// The jobs a server listed (`mip_job_list`).
    mip_job_list;
}

/// `mip_progress_fn`: called after every successful poll of
/// [`mip_wait_import`]; return 0 to go on, nonzero to stop.
pub type mip_progress_fn = Option<unsafe extern "C" fn(job: *const mip_job, user: *mut c_void) -> c_int>;

/// `mip_wait_error_fn`: called by [`mip_wait_import_with_options`] for each
/// transient failure it polls through; return 0 to go on, nonzero to stop.
pub type mip_wait_error_fn = Option<unsafe extern "C" fn(error: *const mip_error, user: *mut c_void) -> c_int>;

/// `mip_wait_options`: fill it with [`mip_wait_options_init`] first (with
/// `size_of::<mip_wait_options>()`), which sets `size` and every default.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mip_wait_options {
    pub size: usize,
    pub poll_interval_ms: i64,
    pub timeout_ms: i64,
    pub on_progress: mip_progress_fn,
    pub on_error: mip_wait_error_fn,
    pub user: *mut c_void,
}

/// `mip_detail_info`: one detail as [`mip_job_details_read`] copies it out,
/// each string borrowed from the job with its length. Set `size` in the
/// first entry to `size_of::<mip_detail_info>()`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mip_detail_info {
    pub size: usize,
    pub file_name: *const c_char,
    pub file_name_len: usize,
    pub state_text: *const c_char,
    pub state_text_len: usize,
    pub complete_time: *const c_char,
    pub complete_time_len: usize,
    pub reason: *const c_char,
    pub reason_len: usize,
    pub imported_rows: i64,
    pub total_rows: i64,
    pub file_size: i64,
    pub state: mip_state,
    pub progress: c_int,
}

extern "C" {
    pub fn mip_version() -> *const c_char;
    pub fn mip_version_number() -> c_uint;
    pub fn mip_code_name(code: mip_code) -> *const c_char;
    pub fn mip_state_name(state: mip_state) -> *const c_char;
    pub fn mip_state_is_terminal(state: mip_state) -> c_int;
    pub fn mip_api_name(api: mip_api) -> *const c_char;
    pub fn mip_api_from_name(name: *const c_char, out: *mut mip_api) -> mip_code;

    pub fn mip_error_code(e: *const mip_error) -> mip_code;
    pub fn mip_error_http_status(e: *const mip_error) -> c_int;
    pub fn mip_error_server_code(e: *const mip_error) -> i64;
    pub fn mip_error_message(e: *const mip_error) -> *const c_char;
    pub fn mip_error_attempts(e: *const mip_error) -> c_int;
    pub fn mip_error_job_id(e: *const mip_error) -> *const c_char;
    pub fn mip_error_is_transient(e: *const mip_error) -> c_int;
    pub fn mip_error_free(e: *mut mip_error);

    pub fn mip_options_new() -> *mut mip_options;
    pub fn mip_options_free(o: *mut mip_options);
    pub fn mip_options_set_endpoint(o: *mut mip_options, url: *const c_char) -> mip_code;
    pub fn mip_options_set_api(o: *mut mip_options, api: mip_api) -> mip_code;
    pub fn mip_options_set_token(o: *mut mip_options, token: *const c_char) -> mip_code;
    pub fn mip_options_set_cluster_id(o: *mut mip_options, id: *const c_char) -> mip_code;
    pub fn mip_options_set_project_id(o: *mut mip_options, id: *const c_char) -> mip_code;
    pub fn mip_options_set_region_id(o: *mut mip_options, id: *const c_char) -> mip_code;
    pub fn mip_options_set_db_name(o: *mut mip_options, db: *const c_char) -> mip_code;
    pub fn mip_options_set_timeout_ms(o: *mut mip_options, ms: i64) -> mip_code;
    pub fn mip_options_set_connect_timeout_ms(o: *mut mip_options, ms: i64) -> mip_code;
    pub fn mip_options_set_max_retries(o: *mut mip_options, retries: c_int) -> mip_code;
    pub fn mip_options_set_ca_file(o: *mut mip_options, path: *const c_char) -> mip_code;
    pub fn mip_options_set_tls_verify(o: *mut mip_options, on: c_int) -> mip_code;
    pub fn mip_options_set_proxy(o: *mut mip_options, url: *const c_char) -> mip_code;
    pub fn mip_options_set_user_agent(o: *mut mip_options, ua: *const c_char) -> mip_code;
    pub fn mip_options_set_max_response_bytes(o: *mut mip_options, n: i64) -> mip_code;
    pub fn mip_options_set_max_connections(o: *mut mip_options, n: c_int) -> mip_code;

    pub fn mip_client_new(o: *const mip_options, out: *mut *mut mip_client, err: *mut *mut mip_error) -> mip_code;
    pub fn mip_client_free(c: *mut mip_client);

    pub fn mip_cancel_new() -> *mut mip_cancel;
    pub fn mip_cancel_trigger(t: *mut mip_cancel);
    pub fn mip_cancel_is_triggered(t: *const mip_cancel) -> c_int;
    pub fn mip_cancel_free(t: *mut mip_cancel);

    pub fn mip_get_import_progress(
        c: *mut mip_client,
        job_id: *const c_char,
        cancel: *mut mip_cancel,
        out: *mut *mut mip_job,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_wait_import(
        c: *mut mip_client,
        job_id: *const c_char,
        poll_interval_ms: i64,
        timeout_ms: i64,
        on_progress: mip_progress_fn,
        user: *mut c_void,
        cancel: *mut mip_cancel,
        out: *mut *mut mip_job,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_wait_options_init(o: *mut mip_wait_options, size: usize) -> mip_code;
    pub fn mip_wait_import_with_options(
        c: *mut mip_client,
        job_id: *const c_char,
        o: *const mip_wait_options,
        cancel: *mut mip_cancel,
        out: *mut *mut mip_job,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_get_import_progress_many(
        c: *mut mip_client,
        job_ids: *const *const c_char,
        count: usize,
        cancel: *mut mip_cancel,
        jobs: *mut *mut mip_job,
        errors: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_commit_import(
        c: *mut mip_client,
        job_id: *const c_char,
        cancel: *mut mip_cancel,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_abort_import(
        c: *mut mip_client,
        job_id: *const c_char,
        cancel: *mut mip_cancel,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_free(p: *mut c_void);

    pub fn mip_import_request_new() -> *mut mip_import_request;
    pub fn mip_import_request_free(r: *mut mip_import_request);
    pub fn mip_import_request_set_collection(r: *mut mip_import_request, name: *const c_char) -> mip_code;
    pub fn mip_import_request_set_partition(r: *mut mip_import_request, name: *const c_char) -> mip_code;
    pub fn mip_import_request_add_files(
        r: *mut mip_import_request,
        paths: *const *const c_char,
        count: usize,
    ) -> mip_code;
    pub fn mip_import_request_set_option(
        r: *mut mip_import_request,
        key: *const c_char,
        value: *const c_char,
    ) -> mip_code;
    pub fn mip_import_request_set_auto_commit(r: *mut mip_import_request, on: c_int) -> mip_code;
    pub fn mip_import_request_set_object_credentials(
        r: *mut mip_import_request,
        access_key: *const c_char,
        secret_key: *const c_char,
    ) -> mip_code;
    pub fn mip_import_request_set_idempotency_key(r: *mut mip_import_request, key: *const c_char) -> mip_code;
    pub fn mip_create_import(
        c: *mut mip_client,
        r: *const mip_import_request,
        cancel: *mut mip_cancel,
        job_id: *mut *mut c_char,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_list_imports(
        c: *mut mip_client,
        collection: *const c_char,
        cancel: *mut mip_cancel,
        out: *mut *mut mip_job_list,
        err: *mut *mut mip_error,
    ) -> mip_code;
    pub fn mip_job_list_count(l: *const mip_job_list) -> usize;
    pub fn mip_job_list_is_complete(l: *const mip_job_list) -> c_int;
    pub fn mip_job_list_get(l: *const mip_job_list, index: usize) -> *const mip_job;
    pub fn mip_job_list_free(l: *mut mip_job_list);

    pub fn mip_job_id(j: *const mip_job) -> *const c_char;
    pub fn mip_job_collection_name(j: *const mip_job) -> *const c_char;
    pub fn mip_job_file_name(j: *const mip_job) -> *const c_char;
    pub fn mip_job_state(j: *const mip_job) -> mip_state;
    pub fn mip_job_state_text(j: *const mip_job) -> *const c_char;
    pub fn mip_job_progress(j: *const mip_job) -> c_int;
    pub fn mip_job_imported_rows(j: *const mip_job) -> i64;
    pub fn mip_job_total_rows(j: *const mip_job) -> i64;
    pub fn mip_job_file_size(j: *const mip_job) -> i64;
    pub fn mip_job_create_time(j: *const mip_job) -> *const c_char;
    pub fn mip_job_complete_time(j: *const mip_job) -> *const c_char;
    pub fn mip_job_reason(j: *const mip_job) -> *const c_char;
    pub fn mip_job_detail_count(j: *const mip_job) -> usize;
    pub fn mip_job_detail(j: *const mip_job, index: usize) -> *const mip_detail;
    pub fn mip_job_free(j: *mut mip_job);
    pub fn mip_job_details_read(j: *const mip_job, start: usize, out: *mut mip_detail_info, count: usize) -> usize;

    pub fn mip_detail_file_name(d: *const mip_detail) -> *const c_char;
    pub fn mip_detail_state(d: *const mip_detail) -> mip_state;
    pub fn mip_detail_state_text(d: *const mip_detail) -> *const c_char;
    pub fn mip_detail_progress(d: *const mip_detail) -> c_int;
    pub fn mip_detail_imported_rows(d: *const mip_detail) -> i64;
    pub fn mip_detail_total_rows(d: *const mip_detail) -> i64;
    pub fn mip_detail_file_size(d: *const mip_detail) -> i64;
    pub fn mip_detail_complete_time(d: *const mip_detail) -> *const c_char;
    pub fn mip_detail_reason(d: *const mip_detail) -> *const c_char;
}
