// SPDX-License-Identifier: Apache-2.0
//! Client and Job are Send + Sync in practice: one client called from many
//! threads, one job read from many, a client moved into an Arc.

mod common;

use common::{Emulator, COMPLETED, FAILED};
use mip::State;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn one_client_many_threads() {
    let client = Emulator::plain().client();
    let done = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for t in 0..4 {
            let (client, done) = (&client, &done);
            s.spawn(move || {
                for i in 0..10 {
                    let (id, state) =
                        if (t + i) % 2 == 0 { (COMPLETED, State::Completed) } else { (FAILED, State::Failed) };
                    let job = client.get_import_progress(id, None).unwrap();
                    assert_eq!((job.id(), job.state()), (id, state));
                    done.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
    });
    assert_eq!(done.load(Ordering::SeqCst), 40);
}

#[test]
fn one_job_many_readers() {
    let job = Emulator::plain().client().get_import_progress(COMPLETED, None).unwrap();
    std::thread::scope(|s| {
        let readers: Vec<_> =
            (0..3).map(|_| s.spawn(|| job.details().filter_map(|d| d.total_rows()).sum::<u64>())).collect();
        for reader in readers {
            assert_eq!(reader.join().unwrap(), 150_000);
        }
    });
}

#[test]
fn a_client_in_an_arc() {
    let shared = Arc::new(Emulator::plain().client());
    let other = Arc::clone(&shared);
    let state = std::thread::spawn(move || other.get_import_progress(FAILED, None).map(|j| j.state()));
    assert_eq!(state.join().unwrap().unwrap(), State::Failed);
    assert_eq!(Arc::strong_count(&shared), 1, "the thread's clone is gone, the client still here");
}
