// SPDX-License-Identifier: Apache-2.0
//! Import jobs: creating one ([`ImportRequest`], [`Client::create_import`]),
//! listing them ([`Client::list_imports`], [`JobList`]) and ending a
//! two-phase import ([`Client::commit_import`], [`Client::abort_import`]).

use crate::cancel::raw_or_null;
use crate::{sys, CancelToken, Client, Error, Job};
use std::ffi::{CStr, CString};
use std::fmt;
use std::iter::FusedIterator;
use std::mem::ManuallyDrop;
use std::os::raw::{c_char, c_int, c_void};
use std::ptr::{self, NonNull};

/// `value` as a C string, or an invalid-argument error naming `what` (never
/// the value: it may be a secret).
fn c_text(what: &str, value: &str) -> Result<CString, Error> {
    CString::new(value).map_err(|_| Error::invalid_argument(format!("invalid {what}: contains a NUL byte")))
}

/// What to import: a builder for [`Client::create_import`].
///
/// Like [`Options`](crate::Options), every setter checks its value at once
/// (libmip's rules: UTF-8, no control character, at most 8192 bytes; and no
/// NUL byte) and returns `Err` with
/// [`Code::InvalidArgument`](crate::Code::InvalidArgument), leaving the
/// request as it was, or `Ok(&mut self)` so that calls chain with `?`. What
/// only the flavor decides (options or several paths on cloud-v1, object
/// keys on Milvus), and a request without collection or files, fail in
/// [`Client::create_import`], still before anything is sent.
///
/// The request is copied by `create_import`: it may be reused (e.g. to
/// retry with the same idempotency key) or dropped afterwards. Its `Debug`
/// shows what was set, except the object storage keys.
///
/// ```
/// # fn main() -> Result<(), mip::Error> {
/// let mut request = mip::ImportRequest::new();
/// request
///     .collection("quick_setup")?
///     .files(["1.parquet"])?
///     .files(["a.npy", "b.npy"])?
///     .option("timeout", "300s")?
///     .auto_commit(false)?;
/// assert_eq!(request.files(Vec::<&str>::new()).unwrap_err().code(), mip::Code::InvalidArgument);
/// assert_eq!(request.collection("bad\0name").unwrap_err().code(), mip::Code::InvalidArgument);
/// # Ok(()) }
/// ```
pub struct ImportRequest {
    raw: NonNull<sys::mip_import_request>,
    // A copy of what C accepted, for Debug only (C has no getters).
    shown: Shown,
}

#[derive(Default)]
struct Shown {
    collection: String,
    partition: String,
    files: Vec<Vec<String>>,
    options: Vec<(String, String)>,
    credentials: bool,
    idempotency_key: String,
}

// SAFETY: a request is not thread-safe but has no thread affinity: it may
// move between threads (it is not Sync, so one thread at a time sets it).
unsafe impl Send for ImportRequest {}

impl ImportRequest {
    /// An empty request: a collection and at least one group of files are
    /// required; the job commits itself unless [`auto_commit`](Self::auto_commit)`(false)`.
    ///
    /// # Panics
    /// When libmip is out of memory.
    pub fn new() -> ImportRequest {
        // SAFETY: no preconditions.
        let raw = unsafe { sys::mip_import_request_new() };
        ImportRequest {
            raw: NonNull::new(raw).expect("mip_import_request_new: out of memory"),
            shown: Shown::default(),
        }
    }

    /// The C request, valid while `self` lives.
    pub fn as_raw(&self) -> *const sys::mip_import_request {
        self.raw.as_ptr()
    }

    fn check(&mut self, what: &str, rc: sys::mip_code) -> Result<&mut Self, Error> {
        if rc == sys::MIP_OK {
            Ok(self)
        } else {
            // The value is left out on purpose: it may be a secret.
            Err(Error::from_code(rc, format!("invalid {what}: empty, too long, not UTF-8 or control characters")))
        }
    }

    /// Required: the collection to import into.
    pub fn collection(&mut self, name: &str) -> Result<&mut Self, Error> {
        let c = c_text("collection", name)?;
        // SAFETY: live request; the string is copied by the call.
        let rc = unsafe { sys::mip_import_request_set_collection(self.raw.as_ptr(), c.as_ptr()) };
        self.check("collection", rc)?.shown.collection = name.to_owned();
        Ok(self)
    }

    /// The partition; `""` (the default): the default partition.
    pub fn partition(&mut self, name: &str) -> Result<&mut Self, Error> {
        let c = c_text("partition", name)?;
        // SAFETY: live request; the string is copied by the call.
        let rc = unsafe { sys::mip_import_request_set_partition(self.raw.as_ptr(), c.as_ptr()) };
        self.check("partition", rc)?.shown.partition = name.to_owned();
        Ok(self)
    }

    /// Adds one group of files: one JSON, Parquet or CSV file, or the `.npy`
    /// files of one set (one per field), as the server reads them (relative
    /// to its bucket for Milvus, `s3://...` URLs for the cloud flavors). Call
    /// it once per group. An empty group or an empty path is an error;
    /// cloud-v1 takes exactly one path in all.
    pub fn files<I, S>(&mut self, group: I) -> Result<&mut Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut owned = Vec::new();
        let mut paths = Vec::new();
        for p in group {
            paths.push(c_text("file path", p.as_ref())?);
            owned.push(p.as_ref().to_owned());
        }
        if paths.is_empty() {
            return Err(Error::invalid_argument("invalid file group: no path"));
        }
        let ptrs: Vec<*const c_char> = paths.iter().map(|c| c.as_ptr()).collect();
        // SAFETY: live request; `ptrs` holds `len` strings that outlive the call.
        let rc = unsafe { sys::mip_import_request_add_files(self.raw.as_ptr(), ptrs.as_ptr(), ptrs.len()) };
        self.check("file group", rc)?.shown.files.push(owned);
        Ok(self)
    }

    /// An import option, sent as a JSON string: e.g. `("timeout", "300s")`,
    /// `("sep", ",")`. A key set again keeps the last value; the key must not
    /// be empty. Not for cloud-v1.
    pub fn option(&mut self, key: &str, value: &str) -> Result<&mut Self, Error> {
        let (k, v) = (c_text("option key", key)?, c_text("option value", value)?);
        // SAFETY: live request; both strings are copied by the call.
        let rc = unsafe { sys::mip_import_request_set_option(self.raw.as_ptr(), k.as_ptr(), v.as_ptr()) };
        self.check("option", rc)?;
        self.shown.options.retain(|(k, _)| k != key);
        self.shown.options.push((key.to_owned(), value.to_owned()));
        Ok(self)
    }

    /// `true` (the default): the job commits itself. `false` (Milvus >= 3.0)
    /// sends the option `auto_commit` `"false"`: the job stops at
    /// [`State::Uncommitted`](crate::State::Uncommitted) until
    /// [`Client::commit_import`] or [`Client::abort_import`]. The same as
    /// the option `auto_commit`; the last of the two calls wins.
    pub fn auto_commit(&mut self, on: bool) -> Result<&mut Self, Error> {
        // SAFETY: live request.
        let rc = unsafe { sys::mip_import_request_set_auto_commit(self.raw.as_ptr(), c_int::from(on)) };
        self.check("auto commit", rc)?;
        let value = if on { "true" } else { "false" };
        self.shown.options.retain(|(k, _)| k != "auto_commit");
        self.shown.options.push(("auto_commit".to_owned(), value.to_owned()));
        Ok(self)
    }

    /// The object storage's keys, sent by the cloud flavors only (a Milvus
    /// server reads its own storage and the request is refused there). Both
    /// non-empty. Neither appears in an error, nor in this request's `Debug`.
    pub fn object_credentials(&mut self, access_key: &str, secret_key: &str) -> Result<&mut Self, Error> {
        let (a, s) = (c_text("access key", access_key)?, c_text("secret key", secret_key)?);
        // SAFETY: live request; both strings are copied by the call.
        let rc = unsafe { sys::mip_import_request_set_object_credentials(self.raw.as_ptr(), a.as_ptr(), s.as_ptr()) };
        self.check("object credentials", rc)?.shown.credentials = true;
        Ok(self)
    }

    /// Removes the object storage's keys.
    pub fn clear_object_credentials(&mut self) -> Result<&mut Self, Error> {
        // SAFETY: live request; NULL, NULL clears.
        let rc = unsafe { sys::mip_import_request_set_object_credentials(self.raw.as_ptr(), ptr::null(), ptr::null()) };
        self.check("object credentials", rc)?.shown.credentials = false;
        Ok(self)
    }

    /// The `Idempotency-Key` header: printable ASCII, 1 to 256 bytes.
    /// Milvus 2.6.24 or later (3.0.2 or later) answers a repeated create with
    /// the same key with the first job's id. Unset, each `create_import` makes a new random key
    /// (the same for that call's own retries).
    pub fn idempotency_key(&mut self, key: &str) -> Result<&mut Self, Error> {
        let c = c_text("idempotency key", key)?;
        // SAFETY: live request; the string is copied by the call.
        let rc = unsafe { sys::mip_import_request_set_idempotency_key(self.raw.as_ptr(), c.as_ptr()) };
        self.check("idempotency key", rc)?.shown.idempotency_key = key.to_owned();
        Ok(self)
    }
}

impl Default for ImportRequest {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ImportRequest {
    fn drop(&mut self) {
        // SAFETY: we own the request.
        unsafe { sys::mip_import_request_free(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for ImportRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.shown;
        f.debug_struct("ImportRequest")
            .field("collection", &s.collection)
            .field("partition", &s.partition)
            .field("files", &s.files)
            .field("options", &s.options)
            .field("object_credentials", &if s.credentials { "<redacted>" } else { "<none>" })
            .field("idempotency_key", &s.idempotency_key)
            .finish()
    }
}

/// Import jobs as a server listed them: owns the C list (freed on drop) and
/// lends its jobs as `&Job`, in the server's order.
///
/// A listed job has its id, collection, state, progress and reason; the
/// other fields are `""` or `None`, and it has no details. A list can end
/// short of the count the server gave (an empty page, a server repeating a
/// page): [`is_complete`](Self::is_complete) says so. `JobList` is
/// `Send + Sync`; a `&Job` it lends cannot outlive it:
///
/// ```compile_fail,E0597
/// # fn f(client: &mip::Client) {
/// let job = {
///     let list = client.list_imports(None, None).unwrap();
///     list.get(0).unwrap()
/// }; // error: `list` does not live long enough
/// # }
/// ```
pub struct JobList {
    raw: NonNull<sys::mip_job_list>,
    // Non-owning views of the jobs C keeps in the list (never freed by Rust).
    jobs: Vec<ManuallyDrop<Job>>,
    complete: bool,
}

// SAFETY: the list and its jobs are immutable snapshots, readable from any
// number of threads.
unsafe impl Send for JobList {}
unsafe impl Sync for JobList {}

impl JobList {
    /// Takes ownership of a C list.
    ///
    /// # Safety
    /// `raw` is a live `mip_job_list` the caller owns and gives away.
    unsafe fn from_raw(raw: NonNull<sys::mip_job_list>) -> JobList {
        let n = sys::mip_job_list_count(raw.as_ptr());
        let mut jobs = Vec::with_capacity(n);
        for i in 0..n {
            let j = sys::mip_job_list_get(raw.as_ptr(), i);
            if j.is_null() {
                break;
            }
            // A view without ownership: the list frees its jobs.
            jobs.push(ManuallyDrop::new(Job::from_raw(j as *mut sys::mip_job)));
        }
        let complete = sys::mip_job_list_is_complete(raw.as_ptr()) != 0;
        JobList { raw, jobs, complete }
    }

    /// The C list, valid while `self` lives.
    pub fn as_raw(&self) -> *const sys::mip_job_list {
        self.raw.as_ptr()
    }

    /// How many jobs.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// `true` when the server listed none.
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// `true` when the list holds every job the server said it has (or the
    /// server gave no count and its pages ended); `false` when it ended
    /// short of that count: an empty page, or a server repeating a page
    /// instead of going on (`mip_job_list_is_complete`). Jobs that moved
    /// between pages while they were read can make a list short too: list
    /// again for the rest.
    ///
    /// ```no_run
    /// # let client: mip::Client = unimplemented!();
    /// let list = client.list_imports(None, None)?;
    /// if !list.is_complete() {
    ///     eprintln!("the server listed fewer jobs than it counted; {} read", list.len());
    /// }
    /// # Ok::<(), mip::Error>(())
    /// ```
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The job at `index`, or `None` past the end.
    pub fn get(&self, index: usize) -> Option<&Job> {
        self.jobs.get(index).map(|j| &**j)
    }

    /// The jobs, in the server's order.
    pub fn iter(&self) -> JobListIter<'_> {
        JobListIter { inner: self.jobs.iter() }
    }
}

impl Drop for JobList {
    fn drop(&mut self) {
        self.jobs.clear();
        // SAFETY: we own the list; the views are gone and no borrow remains.
        unsafe { sys::mip_job_list_free(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for JobList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a JobList {
    type Item = &'a Job;
    type IntoIter = JobListIter<'a>;

    fn into_iter(self) -> JobListIter<'a> {
        self.iter()
    }
}

/// Iterator over a [`JobList`]'s jobs, from [`JobList::iter`].
#[derive(Clone, Debug)]
pub struct JobListIter<'a> {
    inner: std::slice::Iter<'a, ManuallyDrop<Job>>,
}

impl<'a> Iterator for JobListIter<'a> {
    type Item = &'a Job;

    fn next(&mut self) -> Option<&'a Job> {
        self.inner.next().map(|j| &**j)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<&'a Job> {
        self.inner.nth(n).map(|j| &**j)
    }
}

impl DoubleEndedIterator for JobListIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|j| &**j)
    }
}

impl ExactSizeIterator for JobListIter<'_> {}
impl FusedIterator for JobListIter<'_> {}

fn job_id(job_id: &str) -> Result<CString, Error> {
    c_text("job id", job_id)
}

impl Client {
    /// Starts an import job and returns its id (every digit kept).
    ///
    /// Fails with [`Code::InvalidArgument`](crate::Code::InvalidArgument)
    /// before anything is sent for a request without collection or files,
    /// and for what the flavor cannot carry (options or several paths on
    /// cloud-v1, object keys on Milvus). Creating is not idempotent: after a
    /// timeout or a reset the job may exist, and the error says so and names
    /// the idempotency key to retry with (set it with
    /// [`ImportRequest::idempotency_key`] to retry safely). A create answered
    /// with a failing HTTP status but a success envelope naming the new job
    /// fails with [`Code::Server`](crate::Code::Server), and the job's id is
    /// kept in [`Error::job_id`].
    ///
    /// ```no_run
    /// # let client: mip::Client = unimplemented!();
    /// let mut request = mip::ImportRequest::new();
    /// request.collection("quick_setup")?.files(["1.parquet"])?;
    /// let id = client.create_import(&request, None)?;
    /// println!("started {id}");
    /// # Ok::<(), mip::Error>(())
    /// ```
    pub fn create_import(&self, request: &ImportRequest, cancel: Option<&CancelToken>) -> Result<String, Error> {
        let mut out: *mut c_char = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live client and request; `cancel` outlives the call.
        let rc =
            unsafe { sys::mip_create_import(self.as_raw(), request.as_raw(), raw_or_null(cancel), &mut out, &mut err) };
        if !out.is_null() {
            // SAFETY: a NUL-terminated string libmip handed out: copied, then
            // freed with mip_free, once.
            let id = unsafe { CStr::from_ptr(out) }.to_string_lossy().into_owned();
            unsafe { sys::mip_free(out as *mut c_void) };
            if rc == sys::MIP_OK {
                if !err.is_null() {
                    unsafe { sys::mip_error_free(err) };
                }
                return Ok(id);
            }
        }
        // SAFETY: err is NULL or ours.
        Err(unsafe { Error::from_raw(rc, err) })
    }

    /// The import jobs the server lists, of one collection or (`None` or
    /// `Some("")`) all the caller may see. The cloud flavors' pages are all
    /// fetched, within the client's timeout for the whole list; a list that
    /// ends short of the server's count is still returned, and
    /// [`JobList::is_complete`] says so.
    ///
    /// ```no_run
    /// # let client: mip::Client = unimplemented!();
    /// let list = client.list_imports(Some("quick_setup"), None)?;
    /// for job in &list {
    ///     println!("{} {} {:?} %", job.id(), job.state(), job.progress());
    /// }
    /// # Ok::<(), mip::Error>(())
    /// ```
    pub fn list_imports(&self, collection: Option<&str>, cancel: Option<&CancelToken>) -> Result<JobList, Error> {
        let name = collection.map(|c| c_text("collection", c)).transpose()?;
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live client; `name` and `cancel` outlive the call.
        let rc = unsafe {
            sys::mip_list_imports(
                self.as_raw(),
                name.as_ref().map_or(ptr::null(), |c| c.as_ptr()),
                raw_or_null(cancel),
                &mut out,
                &mut err,
            )
        };
        match NonNull::new(out) {
            Some(list) if rc == sys::MIP_OK => {
                if !err.is_null() {
                    unsafe { sys::mip_error_free(err) };
                }
                // SAFETY: a list we own.
                Ok(unsafe { JobList::from_raw(list) })
            }
            other => {
                if let Some(list) = other {
                    unsafe { sys::mip_job_list_free(list.as_ptr()) };
                }
                // SAFETY: err is NULL or ours.
                Err(unsafe { Error::from_raw(rc, err) })
            }
        }
    }

    /// Commits a job created with [`ImportRequest::auto_commit`]`(false)` once
    /// it is [`State::Uncommitted`](crate::State::Uncommitted): it moves to
    /// Committing, then Completed.
    ///
    /// [`Code::Unsupported`](crate::Code::Unsupported) from a server without
    /// two-phase import (Milvus 2.x) and from the cloud-v1 flavor (nothing
    /// sent); [`Code::Server`](crate::Code::Server) when the job's state
    /// refuses it. Retried only after failures that prove the server did
    /// nothing.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// # let client: mip::Client = unimplemented!();
    /// # let id = "1";
    /// let job = client.wait(id, Duration::from_secs(1), None, None, |_| true)?;
    /// if job.state() == mip::State::Uncommitted {
    ///     client.commit_import(id, None)?;
    /// }
    /// # Ok::<(), mip::Error>(())
    /// ```
    pub fn commit_import(&self, job_id: &str, cancel: Option<&CancelToken>) -> Result<(), Error> {
        self.end_import(job_id, cancel, sys::mip_commit_import)
    }

    /// Aborts a job (not once Committing or Completed): it ends Failed, with
    /// a reason saying it was aborted. A second abort succeeds. Errors as for
    /// [`commit_import`](Self::commit_import).
    pub fn abort_import(&self, job_id: &str, cancel: Option<&CancelToken>) -> Result<(), Error> {
        self.end_import(job_id, cancel, sys::mip_abort_import)
    }

    fn end_import(
        &self,
        job_id_text: &str,
        cancel: Option<&CancelToken>,
        f: unsafe extern "C" fn(
            *mut sys::mip_client,
            *const c_char,
            *mut sys::mip_cancel,
            *mut *mut sys::mip_error,
        ) -> sys::mip_code,
    ) -> Result<(), Error> {
        let id = job_id(job_id_text)?;
        let mut err = ptr::null_mut();
        // SAFETY: live client; `id` and `cancel` outlive the call.
        let rc = unsafe { f(self.as_raw(), id.as_ptr(), raw_or_null(cancel), &mut err) };
        if rc == sys::MIP_OK {
            if !err.is_null() {
                unsafe { sys::mip_error_free(err) };
            }
            Ok(())
        } else {
            // SAFETY: err is NULL or ours.
            Err(unsafe { Error::from_raw(rc, err) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;

    #[test]
    fn setters_check_values_and_keep_the_request() -> Result<(), Error> {
        let mut r = ImportRequest::new();
        assert_eq!(r.collection("a\0b").unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(r.collection("tab\there").unwrap_err().code(), Code::InvalidArgument);
        r.collection("données_ü")?.partition("p")?.files(["x/ü.parquet"])?;
        assert_eq!(r.files(["ok", "nul\0"]).unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(r.files([""]).unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(r.files(Vec::<String>::new()).unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(r.option("", "v").unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(r.idempotency_key("é").unwrap_err().code(), Code::InvalidArgument, "not ASCII");
        assert_eq!(r.idempotency_key(&"k".repeat(257)).unwrap_err().code(), Code::InvalidArgument);
        r.idempotency_key(&"k".repeat(256))?.option("timeout", "300s")?.option("timeout", "60s")?;
        r.auto_commit(false)?;
        let shown = format!("{r:?}");
        assert!(shown.contains("données_ü") && shown.contains("x/ü.parquet"), "{shown}");
        assert!(shown.contains(r#"("timeout", "60s")"#) && !shown.contains("300s"), "{shown}");
        assert!(shown.contains(r#"("auto_commit", "false")"#), "{shown}");
        assert!(!shown.contains("[\"ok\""), "a refused group is not kept: {shown}");
        Ok(())
    }

    #[test]
    fn object_keys_appear_in_no_text() -> Result<(), Error> {
        const SECRET: &str = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
        let mut r = ImportRequest::new();
        for e in [
            r.object_credentials("AKIAEXAMPLE", &format!("{SECRET}\0")).unwrap_err(),
            r.object_credentials("AKIAEXAMPLE", &format!("{SECRET}\n")).unwrap_err(),
            r.object_credentials("", SECRET).unwrap_err(),
        ] {
            assert_eq!(e.code(), Code::InvalidArgument);
            assert!(!format!("{e} {e:?}").contains("wJalrXUtnFEMI"), "an error shows the secret key");
        }
        r.object_credentials("AKIAEXAMPLE", SECRET)?;
        let shown = format!("{r:?} {r:#?}");
        assert!(!shown.contains("wJalrXUtnFEMI") && !shown.contains("AKIAEXAMPLE"), "Debug shows a key");
        assert!(shown.contains("<redacted>"));
        r.clear_object_credentials()?;
        assert!(format!("{r:?}").contains("<none>"));
        Ok(())
    }
}
