// SPDX-License-Identifier: Apache-2.0
use crate::{borrowed_str, sys, State};
use std::fmt;
use std::iter::FusedIterator;
use std::ptr::NonNull;

/// Converts a C integer where -1 (any negative) means "not reported".
fn reported(v: i64) -> Option<u64> {
    u64::try_from(v).ok()
}

fn reported_percent(v: std::os::raw::c_int) -> Option<u32> {
    u32::try_from(v).ok()
}

/// A snapshot of an import job, owning its C handle (freed on drop).
///
/// Immutable, `Send + Sync`. String accessors borrow from the job and return
/// `""` when the server sent nothing; numbers are `None` when the server did
/// not report them. Copy to a [`JobInfo`] with [`Job::to_info`] to keep the
/// data in plain Rust values.
///
/// ```no_run
/// # let client: mip::Client = unimplemented!();
/// let job = client.get_import_progress("448761313698322011", None)?;
/// println!("{} ({}): {} {:?} %", job.id(), job.collection_name(), job.state(), job.progress());
/// println!("{:?} of {:?} rows", job.imported_rows(), job.total_rows());
/// if job.state() == mip::State::Failed {
///     println!("failed: {}", job.reason());
/// }
/// # Ok::<(), mip::Error>(())
/// ```
pub struct Job {
    raw: NonNull<sys::mip_job>,
}

// SAFETY: a job is immutable and may be read from any number of threads.
unsafe impl Send for Job {}
unsafe impl Sync for Job {}

impl Job {
    /// Takes ownership of a C job.
    ///
    /// # Safety
    /// `raw` is a live `mip_job` the caller owns and gives away; it is freed
    /// by the returned `Job`'s drop.
    ///
    /// # Panics
    /// When `raw` is NULL.
    pub unsafe fn from_raw(raw: *mut sys::mip_job) -> Job {
        Job { raw: NonNull::new(raw).expect("Job::from_raw: NULL job") }
    }

    /// The C job, valid while `self` lives.
    pub fn as_raw(&self) -> *const sys::mip_job {
        self.raw.as_ptr()
    }

    /// Gives up ownership: the caller frees the result with `mip_job_free`.
    pub fn into_raw(self) -> *mut sys::mip_job {
        let raw = self.raw.as_ptr();
        std::mem::forget(self);
        raw
    }

    fn ptr(&self) -> *const sys::mip_job {
        self.raw.as_ptr()
    }

    /// The job id (a numeric id keeps all its digits).
    pub fn id(&self) -> &str {
        // SAFETY: live job; the string lives as long as the job.
        unsafe { borrowed_str(sys::mip_job_id(self.ptr())) }
    }

    /// The collection.
    pub fn collection_name(&self) -> &str {
        unsafe { borrowed_str(sys::mip_job_collection_name(self.ptr())) }
    }

    /// The file name (cloud flavors).
    pub fn file_name(&self) -> &str {
        unsafe { borrowed_str(sys::mip_job_file_name(self.ptr())) }
    }

    /// The state, mapped across flavors.
    pub fn state(&self) -> State {
        State::from_raw(unsafe { sys::mip_job_state(self.ptr()) })
    }

    /// The server's own state text, e.g. `"ImportRunning"`; `""` where the
    /// state is derived (cloud v1).
    pub fn state_text(&self) -> &str {
        unsafe { borrowed_str(sys::mip_job_state_text(self.ptr())) }
    }

    /// Progress 0..=100, or `None` when unreported.
    pub fn progress(&self) -> Option<u32> {
        reported_percent(unsafe { sys::mip_job_progress(self.ptr()) })
    }

    /// Rows imported so far, or `None` when unreported (the cloud flavors).
    pub fn imported_rows(&self) -> Option<u64> {
        reported(unsafe { sys::mip_job_imported_rows(self.ptr()) })
    }

    /// Rows in all files, or `None` when unreported.
    pub fn total_rows(&self) -> Option<u64> {
        reported(unsafe { sys::mip_job_total_rows(self.ptr()) })
    }

    /// Bytes in all files, or `None` when unreported.
    pub fn file_size(&self) -> Option<u64> {
        reported(unsafe { sys::mip_job_file_size(self.ptr()) })
    }

    /// Creation time, RFC 3339 as sent; `""` when not sent.
    pub fn create_time(&self) -> &str {
        unsafe { borrowed_str(sys::mip_job_create_time(self.ptr())) }
    }

    /// Completion time, RFC 3339 as sent; `""` until complete.
    pub fn complete_time(&self) -> &str {
        unsafe { borrowed_str(sys::mip_job_complete_time(self.ptr())) }
    }

    /// Why the job failed (reason or errorMessage); `""` otherwise.
    pub fn reason(&self) -> &str {
        unsafe { borrowed_str(sys::mip_job_reason(self.ptr())) }
    }

    /// The number of per-file details.
    pub fn detail_count(&self) -> usize {
        unsafe { sys::mip_job_detail_count(self.ptr()) }
    }

    /// The detail at `index`, or `None` past the end: one
    /// `mip_job_details_read` of one entry.
    pub fn detail(&self, index: usize) -> Option<Detail<'_>> {
        let mut info = empty_info();
        // SAFETY: live job; `info` is one entry of the caller's size.
        let n = unsafe { sys::mip_job_details_read(self.ptr(), index, &mut info, 1) };
        (n == 1).then_some(Detail { info, job: self, index })
    }

    /// The per-file details, in the server's order.
    ///
    /// The iterator reads them from C in chunks of up to 512
    /// (`mip_job_details_read`: one call per chunk, each string as a pointer
    /// and a length, borrowed from the job), not one C call per field.
    ///
    /// ```no_run
    /// # let job: mip::Job = unimplemented!();
    /// let details = job.details();
    /// println!("{} files", details.len());
    /// for d in details {
    ///     println!("{}: {} {:?} %", d.file_name(), d.state(), d.progress());
    /// }
    /// ```
    pub fn details(&self) -> Details<'_> {
        Details { job: self, front: 0, back: self.detail_count(), buf: Vec::new(), buf_start: 0, buf_len: 0 }
    }

    /// An owned copy of every field and detail.
    pub fn to_info(&self) -> JobInfo {
        JobInfo::from(self)
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        // SAFETY: we own the job; borrows of it ended (the borrow checker).
        unsafe { sys::mip_job_free(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job")
            .field("id", &self.id())
            .field("collection_name", &self.collection_name())
            .field("state", &self.state())
            .field("state_text", &self.state_text())
            .field("progress", &self.progress())
            .field("imported_rows", &self.imported_rows())
            .field("total_rows", &self.total_rows())
            .field("reason", &self.reason())
            .field("details", &self.detail_count())
            .finish()
    }
}

/// One file of a [`Job`], borrowed from it.
///
/// A `Detail` cannot outlive its job:
///
/// ```compile_fail
/// # fn f(client: &mip::Client) {
/// let detail = {
///     let job = client.get_import_progress("1", None).unwrap();
///     job.detail(0).unwrap()
/// }; // error: `job` does not live long enough
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct Detail<'a> {
    // What mip_job_details_read copied out: its strings are borrowed from `job`.
    info: sys::mip_detail_info,
    job: &'a Job,
    index: usize,
}

// SAFETY: a detail is part of an immutable, thread-safe job; its pointers
// point into that job.
unsafe impl Send for Detail<'_> {}
unsafe impl Sync for Detail<'_> {}

/// How many details one `mip_job_details_read` call copies at most.
const CHUNK: usize = 512;

/// An entry for `mip_job_details_read`: zeroed (NULL pointers, 0 counts),
/// `size` set to this crate's struct size, the array's stride.
fn empty_info() -> sys::mip_detail_info {
    // SAFETY: every field is an integer or a raw pointer: all zeros is valid.
    let mut info: sys::mip_detail_info = unsafe { std::mem::zeroed() };
    info.size = std::mem::size_of::<sys::mip_detail_info>();
    info
}

/// A borrowed string given as pointer and length: `""` for NULL or invalid
/// UTF-8 (no strlen: the length is libmip's).
///
/// # Safety
/// `p` is NULL or points to `len` bytes that outlive `'a`.
unsafe fn text<'a>(p: *const std::os::raw::c_char, len: usize) -> &'a str {
    if p.is_null() {
        return "";
    }
    std::str::from_utf8(std::slice::from_raw_parts(p.cast::<u8>(), len)).unwrap_or("")
}

impl<'a> Detail<'a> {
    /// The C detail, valid while the job lives.
    pub fn as_raw(&self) -> *const sys::mip_detail {
        // SAFETY: live job.
        unsafe { sys::mip_job_detail(self.job.ptr(), self.index) }
    }

    /// Its position in the job's details.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The file name as sent, e.g. Milvus's `"[a.npy b.npy]"`.
    pub fn file_name(&self) -> &'a str {
        // SAFETY: borrowed from a job that outlives 'a, with its length.
        unsafe { text(self.info.file_name, self.info.file_name_len) }
    }

    /// The state, mapped across flavors.
    pub fn state(&self) -> State {
        State::from_raw(self.info.state)
    }

    /// The server's own state text, e.g. `"InProgress"`.
    pub fn state_text(&self) -> &'a str {
        unsafe { text(self.info.state_text, self.info.state_text_len) }
    }

    /// Progress 0..=100, or `None` when unreported.
    pub fn progress(&self) -> Option<u32> {
        reported_percent(self.info.progress)
    }

    /// Rows imported so far, or `None` when unreported.
    pub fn imported_rows(&self) -> Option<u64> {
        reported(self.info.imported_rows)
    }

    /// Rows in the file, or `None` when unreported.
    pub fn total_rows(&self) -> Option<u64> {
        reported(self.info.total_rows)
    }

    /// Bytes in the file, or `None` when unreported.
    pub fn file_size(&self) -> Option<u64> {
        reported(self.info.file_size)
    }

    /// Completion time as sent; `""` until complete.
    pub fn complete_time(&self) -> &'a str {
        unsafe { text(self.info.complete_time, self.info.complete_time_len) }
    }

    /// Why the file failed; `""` otherwise.
    pub fn reason(&self) -> &'a str {
        unsafe { text(self.info.reason, self.info.reason_len) }
    }

    /// An owned copy.
    pub fn to_info(&self) -> DetailInfo {
        DetailInfo::from(*self)
    }
}

impl fmt::Debug for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detail")
            .field("file_name", &self.file_name())
            .field("state", &self.state())
            .field("progress", &self.progress())
            .field("imported_rows", &self.imported_rows())
            .field("total_rows", &self.total_rows())
            .finish()
    }
}

/// Iterator over a job's [`Detail`]s, from [`Job::details`]: reads them in
/// chunks of up to 512 through `mip_job_details_read`, from either end.
#[derive(Clone)]
pub struct Details<'a> {
    job: &'a Job,
    front: usize,
    back: usize,
    // Details buf_start .. buf_start + buf_len, as C copied them; the
    // entries past buf_len are initialized too (zeroed or older ones).
    buf: Vec<sys::mip_detail_info>,
    buf_start: usize,
    buf_len: usize,
}

// SAFETY: the buffered entries point into an immutable, thread-safe job the
// iterator borrows.
unsafe impl Send for Details<'_> {}
unsafe impl Sync for Details<'_> {}

impl<'a> Details<'a> {
    /// Detail `i` (front <= i < back), from the buffer or from a new chunk
    /// that starts at `i` (forwards) or ends with it (backwards).
    fn load(&mut self, i: usize, forwards: bool) -> Option<Detail<'a>> {
        if i < self.buf_start || i >= self.buf_start + self.buf_len {
            let want = (self.back - self.front).clamp(1, CHUNK);
            let start = if forwards { i } else { (i + 1).saturating_sub(want) };
            if self.buf.len() < want {
                self.buf = vec![empty_info(); want];
            }
            self.buf[0].size = std::mem::size_of::<sys::mip_detail_info>();
            // SAFETY: live job; `buf` holds at least `want` initialized
            // entries of this crate's size, the stride given in buf[0].size.
            let n = unsafe { sys::mip_job_details_read(self.job.ptr(), start, self.buf.as_mut_ptr(), want) };
            self.buf_start = start;
            self.buf_len = n.min(want);
            if i < start || i >= start + self.buf_len {
                return None;
            }
        }
        Some(Detail { info: self.buf[i - self.buf_start], job: self.job, index: i })
    }
}

impl<'a> Iterator for Details<'a> {
    type Item = Detail<'a>;

    fn next(&mut self) -> Option<Detail<'a>> {
        if self.front >= self.back {
            return None;
        }
        let d = self.load(self.front, true);
        self.front = if d.is_some() { self.front + 1 } else { self.back };
        d
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<Detail<'a>> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }

    // Chunk by chunk (what sum, count, for_each, map/filter chains use):
    // one buffer check per chunk instead of one per detail.
    fn fold<B, F>(mut self, init: B, mut f: F) -> B
    where
        F: FnMut(B, Detail<'a>) -> B,
    {
        let mut acc = init;
        while self.front < self.back {
            let Some(first) = self.load(self.front, true) else { break };
            let end = self.back.min(self.buf_start + self.buf_len);
            acc = f(acc, first);
            let job = self.job;
            for (k, info) in self.buf[self.front + 1 - self.buf_start..end - self.buf_start].iter().enumerate() {
                acc = f(acc, Detail { info: *info, job, index: self.front + 1 + k });
            }
            self.front = end;
        }
        acc
    }
}

impl DoubleEndedIterator for Details<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        let d = self.load(self.back - 1, false);
        self.back = if d.is_some() { self.back - 1 } else { self.front };
        d
    }
}

impl ExactSizeIterator for Details<'_> {}
impl FusedIterator for Details<'_> {}

impl fmt::Debug for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Details").field("remaining", &self.len()).finish()
    }
}

/// An owned copy of a [`Detail`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct DetailInfo {
    pub file_name: String,
    pub state: State,
    pub state_text: String,
    pub progress: Option<u32>,
    pub imported_rows: Option<u64>,
    pub total_rows: Option<u64>,
    pub file_size: Option<u64>,
    pub complete_time: String,
    pub reason: String,
}

impl From<Detail<'_>> for DetailInfo {
    fn from(d: Detail<'_>) -> Self {
        DetailInfo {
            file_name: d.file_name().to_owned(),
            state: d.state(),
            state_text: d.state_text().to_owned(),
            progress: d.progress(),
            imported_rows: d.imported_rows(),
            total_rows: d.total_rows(),
            file_size: d.file_size(),
            complete_time: d.complete_time().to_owned(),
            reason: d.reason().to_owned(),
        }
    }
}

/// An owned copy of a [`Job`] and its details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct JobInfo {
    pub id: String,
    pub collection_name: String,
    pub file_name: String,
    pub state: State,
    pub state_text: String,
    pub progress: Option<u32>,
    pub imported_rows: Option<u64>,
    pub total_rows: Option<u64>,
    pub file_size: Option<u64>,
    pub create_time: String,
    pub complete_time: String,
    pub reason: String,
    pub details: Vec<DetailInfo>,
}

impl From<&Job> for JobInfo {
    fn from(j: &Job) -> Self {
        JobInfo {
            id: j.id().to_owned(),
            collection_name: j.collection_name().to_owned(),
            file_name: j.file_name().to_owned(),
            state: j.state(),
            state_text: j.state_text().to_owned(),
            progress: j.progress(),
            imported_rows: j.imported_rows(),
            total_rows: j.total_rows(),
            file_size: j.file_size(),
            create_time: j.create_time().to_owned(),
            complete_time: j.complete_time().to_owned(),
            reason: j.reason().to_owned(),
            details: j.details().map(DetailInfo::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_keep_all_64_bits_and_negative_means_unreported() {
        assert_eq!(reported(-1), None);
        assert_eq!(reported(0), Some(0));
        assert_eq!(reported(5_000_000_000), Some(5_000_000_000), "past 32 bits");
        assert_eq!(reported(i64::MAX), Some(i64::MAX as u64));
        assert_eq!(reported_percent(-1), None);
        assert_eq!(reported_percent(100), Some(100));
    }
}
