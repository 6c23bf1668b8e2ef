// SPDX-License-Identifier: Apache-2.0
//! A job reaches Rust exactly: strings (UTF-8, both ways), the 18-digit id,
//! 64-bit counts, the details, and owned copies that outlive the C job.

mod common;

use common::{Emulator, COMPLETED, FAILED, FAILED_REASON};
use mip::{Job, State};

#[test]
fn a_completed_job_reads_field_for_field() {
    let job = Emulator::plain().client().get_import_progress(COMPLETED, None).unwrap();
    assert_eq!(job.id(), COMPLETED, "every digit of the id");
    assert_eq!(job.collection_name(), "quick_setup");
    assert_eq!(job.state(), State::Completed);
    assert_eq!(job.state_text(), "Completed");
    assert_eq!(job.progress(), Some(100));
    assert_eq!(job.imported_rows(), Some(150_000));
    assert_eq!(job.total_rows(), Some(150_000));
    assert_eq!(job.file_size(), Some(3_279_917 + 1_000_000));
    assert!(!job.create_time().is_empty() && !job.complete_time().is_empty());
    assert_eq!(job.reason(), "");

    assert_eq!(job.detail_count(), 2);
    assert_eq!(job.details().len(), 2);
    assert!(job.detail(2).is_none(), "past the end");
    let names: Vec<&str> = job.details().map(|d| d.file_name()).collect();
    assert_eq!(names, ["[1.parquet]", "[a.npy b.npy]"]);
    let counts: Vec<_> = job.details().map(|d| (d.imported_rows(), d.total_rows(), d.file_size())).collect();
    assert_eq!(
        counts,
        [(Some(100_000), Some(100_000), Some(3_279_917)), (Some(50_000), Some(50_000), Some(1_000_000))]
    );
    let last = job.details().next_back().unwrap();
    assert_eq!((last.state(), last.progress()), (State::Completed, Some(100)));
    assert!(!last.complete_time().is_empty());
    assert!(format!("{job:?}").contains(COMPLETED));
}

#[test]
fn a_failed_import_is_ok_with_its_reason() {
    let job = Emulator::plain().client().get_import_progress(FAILED, None).unwrap();
    assert_eq!(job.state(), State::Failed);
    assert_eq!(job.reason(), FAILED_REASON);
    assert!(job.details().all(|d| d.state() == State::Failed && d.reason() == FAILED_REASON));
}

#[test]
fn utf8_names_arrive_whole() {
    let emulator = Emulator::plain();
    let id = emulator.create_job("コレクション_ü", &[&["données/é.parquet"], &["b.npy", "c.npy"]]);
    let job = emulator.client().get_import_progress(&id, None).unwrap();
    assert_eq!(job.id(), id);
    assert_eq!(job.collection_name(), "コレクション_ü");
    assert_eq!(job.detail(0).unwrap().file_name(), "[données/é.parquet]");
    assert_eq!(job.to_info().details[0].file_name, "[données/é.parquet]");
}

#[test]
fn a_utf8_job_id_goes_out_whole() {
    // The emulator's Milvus answer quotes the id it could not parse.
    let e = Emulator::plain().client().get_import_progress("ジョブ-ü", None).unwrap_err();
    assert!(e.message().contains("ジョブ-ü"), "{e}");
}

#[test]
fn owned_copies_outlive_the_job() {
    let job = Emulator::plain().client().get_import_progress(COMPLETED, None).unwrap();
    let info = job.to_info();
    let detail = job.detail(1).unwrap().to_info();
    drop(job);
    assert_eq!(info.id, COMPLETED);
    assert_eq!(info.collection_name, "quick_setup");
    assert_eq!(info.total_rows, Some(150_000));
    let groups: Vec<&str> = info.details.iter().map(|d| d.file_name.as_str()).collect();
    assert_eq!(groups, ["[1.parquet]", "[a.npy b.npy]"]);
    assert_eq!((detail.file_name.as_str(), detail.total_rows), ("[a.npy b.npy]", Some(50_000)));
}

#[test]
fn ownership_passes_through_raw_and_back() {
    let job = Emulator::plain().client().get_import_progress(COMPLETED, None).unwrap();
    let raw = job.into_raw();
    // SAFETY: `raw` came from into_raw and is given back once; the Job frees it.
    let job = unsafe { Job::from_raw(raw) };
    assert_eq!(job.id(), COMPLETED);
}
