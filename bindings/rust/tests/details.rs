// SPDX-License-Identifier: Apache-2.0
//! Details read in bulk (mip_job_details_read, 512 at a time) reach Rust
//! exactly as the per-field C accessors give them: every field of every
//! detail of a job of some thousands, forwards, backwards, both ends at
//! once, skipping across chunks, cloned half-way, folded.

mod common;

use common::{Emulator, COMPLETED};
use mip::{sys, Detail, DetailInfo, Job, State};
use std::ffi::CStr;

/// A fault-big job of about 600 kB: some 4,000 details, several chunks.
const MANY: &str = "fault-big-600000";

fn c_str(p: *const std::os::raw::c_char) -> String {
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

/// Detail `i` through the nine accessors of `mip.h`, one C call each.
fn by_accessors(job: &Job, i: usize) -> DetailInfo {
    let d = unsafe { sys::mip_job_detail(job.as_raw(), i) };
    assert!(!d.is_null());
    let n = |v: i64| u64::try_from(v).ok();
    unsafe {
        DetailInfo {
            file_name: c_str(sys::mip_detail_file_name(d)),
            state: State::from_raw(sys::mip_detail_state(d)),
            state_text: c_str(sys::mip_detail_state_text(d)),
            progress: u32::try_from(sys::mip_detail_progress(d)).ok(),
            imported_rows: n(sys::mip_detail_imported_rows(d)),
            total_rows: n(sys::mip_detail_total_rows(d)),
            file_size: n(sys::mip_detail_file_size(d)),
            complete_time: c_str(sys::mip_detail_complete_time(d)),
            reason: c_str(sys::mip_detail_reason(d)),
        }
    }
}

fn infos<'a>(details: impl Iterator<Item = Detail<'a>>) -> Vec<DetailInfo> {
    details.map(DetailInfo::from).collect()
}

#[test]
fn every_field_of_every_detail_as_the_accessors_give_it() {
    let job = Emulator::plain().client().get_import_progress(MANY, None).unwrap();
    let n = job.detail_count();
    assert!(n > 3 * 512, "several chunks: {n} details");
    let expected: Vec<DetailInfo> = (0..n).map(|i| by_accessors(&job, i)).collect();
    assert!(expected.iter().any(|d| !d.complete_time.is_empty()) || expected.iter().any(|d| d.total_rows.is_some()));

    assert_eq!(infos(job.details()), expected, "forwards");
    let mut backwards = infos(job.details().rev());
    backwards.reverse();
    assert_eq!(backwards, expected, "backwards");
    for (i, d) in job.details().enumerate().step_by(97) {
        assert_eq!(d.index(), i);
        assert_eq!(d.as_raw(), unsafe { sys::mip_job_detail(job.as_raw(), i) });
        assert_eq!(job.detail(i).unwrap().to_info(), expected[i], "detail({i})");
    }
    assert!(job.detail(n).is_none());
    assert_eq!(job.to_info().details, expected, "JobInfo");

    // Both ends at once: front and back each need their own chunks.
    let mut it = job.details();
    let (mut front, mut back) = (Vec::new(), Vec::new());
    for k in 0..n {
        assert_eq!(it.len(), n - k);
        let d = if k % 3 == 0 {
            it.next_back().map(|d| back.push(d.to_info()))
        } else {
            it.next().map(|d| front.push(d.to_info()))
        };
        assert!(d.is_some());
    }
    assert!(it.next().is_none() && it.next_back().is_none(), "exhausted at both ends");
    back.reverse();
    front.extend(back);
    assert_eq!(front, expected, "interleaved");

    // Skipping, and a clone taken half-way that goes on by itself.
    let mut it = job.details();
    assert_eq!(it.nth(700).unwrap().to_info(), expected[700]);
    assert_eq!(it.nth(511).unwrap().to_info(), expected[1212]);
    let copy = it.clone();
    assert_eq!(infos(it), expected[1213..]);
    assert_eq!(infos(copy.rev().take(600)), expected[n - 600..].iter().rev().cloned().collect::<Vec<_>>());
    assert!(job.details().nth(n).is_none());

    // fold (sum, count, for_each, ...) goes chunk by chunk: the same details
    // from any start up to any end.
    let mut it = job.details();
    it.nth(100);
    it.nth_back(600);
    let folded = it.fold(Vec::new(), |mut v, d| {
        v.push(d.to_info());
        v
    });
    assert_eq!(folded, expected[101..n - 601]);
    let mut each = Vec::new();
    job.details().for_each(|d| each.push((d.index(), d.to_info())));
    assert!(each.iter().enumerate().all(|(i, (index, _))| *index == i));
    assert_eq!(each.into_iter().map(|(_, d)| d).collect::<Vec<_>>(), expected);
    assert_eq!(job.details().count(), n);
    assert_eq!(job.details().map(|d| d.index()).sum::<usize>(), n * (n - 1) / 2);
}

#[test]
fn strings_are_borrowed_from_the_job_with_their_length() {
    let job = Emulator::plain().client().get_import_progress(COMPLETED, None).unwrap();
    let d = job.details().next().unwrap();
    let name = d.file_name();
    let c = unsafe { sys::mip_detail_file_name(sys::mip_job_detail(job.as_raw(), 0)) };
    assert_eq!(name.as_ptr(), c.cast::<u8>(), "no copy: the job's own bytes");
    assert_eq!(name, "[1.parquet]");
    drop(job.details()); // an iterator of its own; the borrowed name stays valid while the job lives
    assert_eq!(name.len(), 11);
}
