// SPDX-License-Identifier: Apache-2.0
//! Safe Rust binding of **libmip**: how far has a Milvus / Zilliz Cloud
//! bulk-import job got?
//!
//! The crate wraps the C API of `mip.h` (see the [`sys`] module for the raw
//! declarations) in owned, thread-safe Rust types:
//!
//! * [`Options`]: a builder whose typed setters return `Result`;
//! * [`Client`]: `Send + Sync`, share it between threads by reference or `Arc`;
//! * [`Job`]: an immutable snapshot owning its C handle (freed on drop); its
//!   string accessors borrow from it, [`Job::details`] iterates [`Detail`]s
//!   that borrow the job too. [`JobInfo`] / [`DetailInfo`] are owned copies;
//! * [`ImportRequest`]: what to import, a builder like [`Options`];
//!   [`Client::create_import`] starts a job, [`Client::list_imports`] returns
//!   a [`JobList`] that lends its jobs as `&Job`, [`Client::commit_import`] /
//!   [`Client::abort_import`] end a two-phase import;
//! * [`CancelToken`]: `Send + Sync + Clone`, triggers from any thread;
//! * [`Error`]: code, HTTP status, server code, attempts, message and
//!   whether it is transient (libmip's verdict). It never contains the token.
//!
//! # Strings
//!
//! libmip guarantees UTF-8 in every string it returns. Should a string
//! nevertheless not be valid UTF-8, the accessors return `""` rather than
//! invalid `&str` (no undefined behaviour, no panic); error messages are
//! converted lossily.
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//!
//! fn main() -> Result<(), mip::Error> {
//!     let mut options = mip::Options::new();
//!     options
//!         .endpoint("http://localhost:19530")?
//!         .api(mip::Api::Milvus)?
//!         .timeout(Duration::from_secs(10))?;
//!     let client = mip::Client::new(&options)?;
//!
//!     let job = client.get_import_progress("448761313698322011", None)?;
//!     println!("{} is {} at {:?} %", job.id(), job.state(), job.progress());
//!     for detail in job.details() {
//!         println!("  {}: {:?} rows", detail.file_name(), detail.imported_rows());
//!     }
//!
//!     // Poll every second until the job is over, printing each snapshot.
//!     let done = client.wait("448761313698322011", Duration::from_secs(1), None, None, |job| {
//!         println!("{:?} %", job.progress());
//!         true // keep waiting
//!     })?;
//!     assert!(done.state().is_terminal());
//!     Ok(())
//! }
//! ```
//!
//! A two-phase import: the job stops at [`State::Uncommitted`] with its data
//! staged, until it is committed (or aborted).
//!
//! ```no_run
//! use std::time::Duration;
//!
//! fn main() -> Result<(), mip::Error> {
//!     # let client: mip::Client = unimplemented!();
//!     let mut request = mip::ImportRequest::new();
//!     request
//!         .collection("quick_setup")?
//!         .files(["1.parquet"])?
//!         .files(["a.npy", "b.npy"])? // one group: the .npy files of one set
//!         .auto_commit(false)?;
//!     let id = client.create_import(&request, None)?;
//!
//!     let staged = client.wait(&id, Duration::from_secs(1), Some(Duration::from_secs(3600)), None, |_| true)?;
//!     if staged.state() == mip::State::Uncommitted {
//!         client.commit_import(&id, None)?; // or client.abort_import(&id, None)?
//!     }
//!     let done = client.wait(&id, Duration::from_secs(1), Some(Duration::from_secs(3600)), None, |_| true)?;
//!     println!("{id}: {}", done.state());
//!
//!     for job in &client.list_imports(Some("quick_setup"), None)? {
//!         println!("{} {} {:?} %", job.id(), job.state(), job.progress());
//!     }
//!     Ok(())
//! }
//! ```

#![warn(missing_docs)]

pub mod sys;

mod cancel;
mod client;
mod error;
mod import;
mod job;
mod options;
mod types;

pub use cancel::CancelToken;
pub use client::Client;
pub use error::Error;
pub use import::{ImportRequest, JobList, JobListIter};
pub use job::{Detail, DetailInfo, Details, Job, JobInfo};
pub use options::Options;
pub use types::{Api, Code, State};

use std::ffi::CStr;
use std::os::raw::c_char;

/// The version of the libmip loaded at run time, e.g. `"0.1.0"`.
///
/// ```
/// assert!(!mip::version().is_empty());
/// ```
pub fn version() -> &'static str {
    // SAFETY: static storage, never NULL.
    unsafe { borrowed_str(sys::mip_version()) }
}

/// The same as one number, `MAJOR * 10000 + MINOR * 100 + PATCH`, to compare
/// with [`sys::MIP_VERSION_NUMBER`], the header this crate was written against.
///
/// ```
/// assert!(mip::version_number() >= mip::sys::MIP_VERSION_NUMBER);
/// ```
pub fn version_number() -> u32 {
    // SAFETY: no preconditions.
    unsafe { sys::mip_version_number() }
}

/// A borrowed C string as `&str`: `""` for NULL or for invalid UTF-8.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn borrowed_str<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        return "";
    }
    CStr::from_ptr(p).to_str().unwrap_or("")
}

/// A duration in whole milliseconds, rounded up, saturating at `i64::MAX`.
pub(crate) fn millis_ceil(d: std::time::Duration) -> i64 {
    let ms = (d.as_nanos() + 999_999) / 1_000_000;
    i64::try_from(ms).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn millis_round_up() {
        assert_eq!(millis_ceil(Duration::ZERO), 0);
        assert_eq!(millis_ceil(Duration::from_nanos(1)), 1);
        assert_eq!(millis_ceil(Duration::from_millis(1500)), 1500);
        assert_eq!(millis_ceil(Duration::from_micros(1500)), 2);
        assert_eq!(millis_ceil(Duration::MAX), i64::MAX);
    }

    #[test]
    fn the_library_is_one_this_crate_can_use() {
        let (running, header) = (version_number(), sys::MIP_VERSION_NUMBER);
        assert_eq!(running / 10000, header / 10000, "another ABI major: libmip {}", version());
        assert!(running >= header, "libmip {} is older than the header", version());
        let text: Vec<u32> = version().split('.').map(|part| part.parse().unwrap()).collect();
        assert_eq!(text.len(), 3, "{}", version());
        assert_eq!(running, text[0] * 10000 + text[1] * 100 + text[2], "the number and the text agree");
    }

    #[test]
    fn borrowed_str_rejects_invalid_utf8() {
        let bad = b"ab\xffcd\0";
        assert_eq!(unsafe { borrowed_str(bad.as_ptr().cast()) }, "");
        assert_eq!(unsafe { borrowed_str(b"ok\0".as_ptr().cast()) }, "ok");
        assert_eq!(unsafe { borrowed_str(std::ptr::null()) }, "");
    }
}
