//! Integration tests against mip-emulator (see run_tests.sh).

mod common;

use common::{scenario, Emulator};
use mip::{Api, CancelToken, Code, Job, State};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const RUNNING: &str = "448761313698322999";
const FAILED: &str = "448761313698322998";
const ALMOST_DONE: &str = "448761313698322997";
const MISSING: &str = "448761313698300000";

const SCENARIO: &str = r#"{
  "jobs": [
    {"jobId": "448761313698322999", "collectionName": "quick_setup",
     "durationSeconds": 600, "elapsedSeconds": 300,
     "files": [{"paths": ["1.parquet"], "rows": 100000, "size": 3279917},
               {"paths": ["a.npy", "b.npy"], "rows": 180000, "size": 5941501}]},
    {"jobId": "448761313698322998", "collectionName": "broken",
     "durationSeconds": 10, "elapsedSeconds": 9, "fail": true, "reason": "bad row 17",
     "files": [{"paths": ["x.parquet"], "rows": 1000, "size": 4000}]},
    {"jobId": "448761313698322997", "collectionName": "soon",
     "durationSeconds": 60, "elapsedSeconds": 59.2,
     "files": [{"paths": ["s.parquet"], "rows": 5000, "size": 9000}]}
  ]
}"#;

fn start(extra: &[&str]) -> Emulator {
    let path = scenario("jobs.json", SCENARIO);
    let mut args = vec!["--scenario", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    Emulator::start(&args)
}

fn check_totals(job: &Job) {
    assert_eq!(job.total_rows(), Some(280_000));
    assert_eq!(job.file_size(), Some(3_279_917 + 5_941_501));
    assert_eq!(job.detail_count(), 2);
    let details = job.details();
    assert_eq!(details.len(), 2);
    let rows: Vec<_> = details.map(|d| d.total_rows()).collect();
    assert_eq!(rows, [Some(100_000), Some(180_000)]);
    assert!(job.detail(2).is_none());
    assert_eq!(job.details().next_back().unwrap().file_size(), Some(5_941_501));
}

#[test]
fn milvus_job_fields() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let job = client.get_import_progress(RUNNING, None).unwrap();
    assert_eq!(job.id(), RUNNING);
    assert_eq!(job.collection_name(), "quick_setup");
    assert_eq!(job.state(), State::Importing);
    assert_eq!(job.state_text(), "Importing");
    let p = job.progress().unwrap();
    assert!((40..=60).contains(&p), "progress {p}");
    assert!(job.imported_rows().is_some());
    assert!(!job.create_time().is_empty());
    assert_eq!(job.complete_time(), "");
    assert_eq!(job.reason(), "");
    check_totals(&job);
    let names: Vec<&str> = job.details().map(|d| d.file_name()).collect();
    assert_eq!(names, ["[1.parquet]", "[a.npy b.npy]"]);
    let d = job.detail(0).unwrap();
    assert_eq!(d.state(), State::Importing);
    assert_eq!(d.state_text(), "InProgress");
    assert!(d.imported_rows().is_some());
    let info = job.to_info();
    assert_eq!(info.id, RUNNING);
    assert_eq!(info.details.len(), 2);
    assert_eq!(info.details[1].file_name, "[a.npy b.npy]");
    assert!(format!("{job:?}").contains(RUNNING));
}

#[test]
fn cloud_job_fields() {
    let emu = start(&[]);
    let client = emu.client(Api::Cloud);
    let job = client.get_import_progress(RUNNING, None).unwrap();
    assert_eq!(job.id(), RUNNING);
    assert_eq!(job.collection_name(), "quick_setup");
    assert_eq!(job.file_name(), "1.parquet");
    assert_eq!(job.state(), State::Importing);
    assert_eq!(job.state_text(), "Importing");
    assert!(job.progress().is_some());
    assert_eq!(job.imported_rows(), None, "the cloud sends no importedRows");
    check_totals(&job);
    let names: Vec<&str> = job.details().map(|d| d.file_name()).collect();
    assert_eq!(names, ["1.parquet", "a.npy,b.npy"]);
    assert_eq!(job.detail(1).unwrap().reason(), "");
}

#[test]
fn cloud_v1_job_fields() {
    let emu = start(&[]);
    let client = emu.client(Api::CloudV1);
    let job = client.get_import_progress(RUNNING, None).unwrap();
    assert_eq!(job.id(), RUNNING);
    assert_eq!(job.collection_name(), "quick_setup");
    assert_eq!(job.file_name(), "1.parquet");
    assert_eq!(job.state(), State::Importing, "derived from readyPercentage");
    assert_eq!(job.state_text(), "", "cloud v1 sends no state");
    let p = job.progress().unwrap();
    assert!((40..=60).contains(&p), "progress {p}");
    assert_eq!(job.file_size(), Some(3_279_917 + 5_941_501));
    assert_eq!(job.details().len(), 2);
    assert_eq!(job.complete_time(), "");
}

#[test]
fn failed_job_is_not_an_error() {
    let emu = start(&[]);
    for api in [Api::Milvus, Api::Cloud, Api::CloudV1] {
        let job = emu.client(api).get_import_progress(FAILED, None).unwrap();
        assert_eq!(job.state(), State::Failed, "{api:?}");
        assert!(job.reason().contains("bad row 17"), "{api:?}: {:?}", job.reason());
        assert!(job.state().is_terminal());
    }
}

#[test]
fn not_found_per_flavor() {
    let emu = start(&[]);
    for (api, server_code) in [(Api::Milvus, 2100), (Api::Cloud, 90144), (Api::CloudV1, 90144)] {
        let e = emu.client(api).get_import_progress(MISSING, None).unwrap_err();
        assert_eq!(e.code(), Code::NotFound, "{api:?}: {e}");
        assert_eq!(e.server_code(), Some(server_code), "{api:?}");
        assert!(e.attempts() >= 1);
        assert!(!e.message().is_empty());
        assert!(e.to_string().contains("MIP_ERR_NOT_FOUND"));
    }
}

#[test]
fn auth_errors_never_show_the_token() {
    const SECRET: &str = "sk-correct-horse-battery-staple";
    const WRONG: &str = "sk-wrong-key-0123456789";
    let emu = start(&["--token", SECRET]);
    for (api, server_code) in [(Api::Milvus, 1800), (Api::Cloud, 21119), (Api::CloudV1, 80020)] {
        let client = emu.client_with(api, |o| {
            o.token(WRONG).unwrap();
        });
        let e = client.get_import_progress(RUNNING, None).unwrap_err();
        assert_eq!(e.code(), Code::Auth, "{api:?}: {e}");
        assert_eq!(e.server_code(), Some(server_code), "{api:?}");
        if api == Api::Milvus {
            assert_eq!(e.http_status(), Some(401));
        }
        for text in [e.to_string(), format!("{e:?}"), e.message().to_string()] {
            assert!(!text.contains(WRONG) && !text.contains("wrong-key"), "{text}");
        }
        let good = emu.client_with(api, |o| {
            o.token(SECRET).unwrap();
        });
        assert_eq!(good.get_import_progress(RUNNING, None).unwrap().id(), RUNNING);
    }
    // No token at all on Milvus.
    let e = emu.client(Api::Milvus).get_import_progress(RUNNING, None).unwrap_err();
    assert_eq!(e.code(), Code::Auth);
}

#[test]
fn invalid_arguments_send_nothing() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let e = client.get_import_progress("4487\u{0}613", None).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(e.attempts(), 0);
    let e = client.get_import_progress("", None).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    let mut calls = 0;
    let e = client
        .wait("a\0b", Duration::from_millis(10), None, None, |_| {
            calls += 1;
            true
        })
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(calls, 0);
    let e = client.wait(RUNNING, Duration::ZERO, None, None, |_| true).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument, "a zero interval: {e}");

    // Client::new checks what it can.
    let e = mip::Client::new(&mip::Options::new()).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument, "no endpoint: {e}");
    let mut o = mip::Options::new();
    o.endpoint(&emu.url()).unwrap().api(Api::Cloud).unwrap();
    assert_eq!(mip::Client::new(&o).unwrap_err().code(), Code::InvalidArgument, "cloud without token");
}

#[test]
fn cancel_from_another_thread_during_stall() {
    let emu = start(&[]);
    let client = emu.client_with(Api::Milvus, |o| {
        o.timeout(Duration::from_secs(120)).unwrap().max_retries(0).unwrap();
    });
    let token = CancelToken::new();
    std::thread::scope(|s| {
        let t = token.clone();
        let emu = &emu;
        let canceller = s.spawn(move || {
            // Bounded poll until the request is in flight, then cancel.
            let connected = emu.wait_for_connection(Duration::from_secs(20));
            let at = Instant::now();
            t.trigger();
            (connected, at)
        });
        let e = client.get_import_progress("fault-stall-cancel", Some(&token)).unwrap_err();
        let returned = Instant::now();
        let (connected, triggered_at) = canceller.join().unwrap();
        assert!(connected, "the client never connected");
        assert_eq!(e.code(), Code::Cancelled, "{e}");
        let lag = returned.saturating_duration_since(triggered_at);
        assert!(lag < Duration::from_secs(3), "cancel took {lag:?}");
    });
    assert!(token.is_triggered());
    // Later calls with the token fail at once, sending nothing.
    let e = client.get_import_progress(RUNNING, Some(&token)).unwrap_err();
    assert_eq!(e.code(), Code::Cancelled);
    assert_eq!(e.attempts(), 0);
    // The client still works without it.
    assert!(client.get_import_progress(RUNNING, None).is_ok());
}

#[test]
fn cancel_ends_a_wait() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let token = CancelToken::new();
    let polls = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        let h = s.spawn(|| {
            client.wait(RUNNING, Duration::from_millis(20), None, Some(&token), |_| {
                polls.fetch_add(1, Ordering::SeqCst);
                true
            })
        });
        // Bounded poll until the wait has polled at least once.
        let deadline = Instant::now() + Duration::from_secs(20);
        while polls.load(Ordering::SeqCst) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        token.trigger();
        let e = h.join().unwrap().unwrap_err();
        assert_eq!(e.code(), Code::Cancelled);
    });
    assert!(polls.load(Ordering::SeqCst) >= 1);
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn timeout_of_a_stalled_call() {
    let emu = start(&[]);
    let client = emu.client_with(Api::Milvus, |o| {
        o.timeout(Duration::from_millis(300)).unwrap().max_retries(0).unwrap();
    });
    let t = Instant::now();
    let e = client.get_import_progress("fault-stall-timeout", None).unwrap_err();
    assert_eq!(e.code(), Code::Timeout, "{e}");
    assert!(t.elapsed() < Duration::from_secs(10));
}

#[test]
fn wait_runs_to_completion() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let mut seen: Vec<(State, Option<u32>)> = Vec::new();
    let job = client
        .wait(ALMOST_DONE, Duration::from_millis(25), Some(Duration::from_secs(60)), None, |job| {
            assert_eq!(job.id(), ALMOST_DONE);
            seen.push((job.state(), job.progress()));
            true
        })
        .unwrap();
    assert_eq!(job.state(), State::Completed);
    assert_eq!(job.progress(), Some(100));
    assert_eq!(job.imported_rows(), Some(5000));
    assert!(!job.complete_time().is_empty());
    assert!(!seen.is_empty());
    assert_eq!(seen.last().unwrap(), &(State::Completed, Some(100)), "the last poll is reported");
    let progress: Vec<u32> = seen.iter().filter_map(|s| s.1).collect();
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
}

#[test]
fn wait_with_fast_emulator() {
    // At 1000 simulated seconds per second the running job (300 s left) ends in 0.3 s.
    let emu = start(&["--speed", "1000"]);
    let client = emu.client(Api::Cloud);
    let mut calls = 0;
    let job = client
        .wait(RUNNING, Duration::from_millis(10), Some(Duration::from_secs(60)), None, |_| {
            calls += 1;
            true
        })
        .unwrap();
    assert_eq!(job.state(), State::Completed);
    assert_eq!(job.progress(), Some(100));
    assert!(calls >= 2, "{calls} calls");
}

#[test]
fn wait_times_out() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let e = client
        .wait(RUNNING, Duration::from_millis(20), Some(Duration::from_millis(200)), None, |_| true)
        .unwrap_err();
    assert_eq!(e.code(), Code::Timeout, "{e}");
}

#[test]
fn wait_stopped_by_the_closure() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let mut calls = 0;
    let e = client
        .wait(RUNNING, Duration::from_millis(10), None, None, |job| {
            calls += 1;
            assert_eq!(job.state(), State::Importing);
            calls < 3
        })
        .unwrap_err();
    assert_eq!(e.code(), Code::Cancelled);
    assert_eq!(calls, 3);
}

#[test]
fn panic_in_the_closure_resumes_on_the_caller() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let calls = AtomicUsize::new(0);
    let caught = catch_unwind(AssertUnwindSafe(|| {
        let _ = client.wait(RUNNING, Duration::from_millis(10), None, None, |job| {
            calls.fetch_add(1, Ordering::SeqCst);
            panic!("boom at {}", job.id());
        });
    }))
    .unwrap_err();
    let msg = caught
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| caught.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap();
    assert_eq!(msg, format!("boom at {RUNNING}"));
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the wait stops at the panic");
    // Nothing is poisoned: the client goes on working.
    assert!(client.get_import_progress(RUNNING, None).is_ok());
}

#[test]
fn many_ids_give_per_index_results() {
    let emu = start(&[]);
    let client = emu.client_with(Api::Milvus, |o| {
        o.max_connections(3).unwrap();
    });
    let ids = [RUNNING, MISSING, FAILED, "bad\0id", "", ALMOST_DONE, RUNNING];
    let results = client.get_import_progress_many(&ids, None);
    assert_eq!(results.len(), ids.len());
    assert_eq!(results[0].as_ref().unwrap().id(), RUNNING);
    assert_eq!(results[1].as_ref().unwrap_err().code(), Code::NotFound);
    assert_eq!(results[2].as_ref().unwrap().state(), State::Failed);
    assert_eq!(results[3].as_ref().unwrap_err().code(), Code::InvalidArgument);
    assert_eq!(results[4].as_ref().unwrap_err().code(), Code::InvalidArgument);
    assert_eq!(results[5].as_ref().unwrap().id(), ALMOST_DONE);
    assert_eq!(results[6].as_ref().unwrap().id(), RUNNING);

    let owned: Vec<String> = vec![RUNNING.to_string(), FAILED.to_string()];
    assert!(client.get_import_progress_many(&owned, None).iter().all(Result::is_ok));
    let none: [&str; 0] = [];
    assert!(client.get_import_progress_many(&none, None).is_empty());

    let cancelled = CancelToken::new();
    cancelled.trigger();
    let results = client.get_import_progress_many(&[RUNNING, FAILED], Some(&cancelled));
    assert!(results.iter().all(|r| r.as_ref().unwrap_err().code() == Code::Cancelled));
}

#[test]
fn client_shared_across_threads() {
    let emu = start(&[]);
    let client = emu.client(Api::Milvus);
    let ok = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for t in 0..4 {
            let (client, ok) = (&client, &ok);
            s.spawn(move || {
                for i in 0..10 {
                    let id = if (t + i) % 2 == 0 { RUNNING } else { FAILED };
                    let job = client.get_import_progress(id, None).unwrap();
                    assert_eq!(job.id(), id);
                    ok.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
    });
    assert_eq!(ok.load(Ordering::SeqCst), 40);

    // A Job is Send + Sync too: read it from several threads.
    let job = client.get_import_progress(RUNNING, None).unwrap();
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| check_totals(&job));
        }
    });
    // And the client moves into an Arc.
    let shared = std::sync::Arc::new(client);
    let s2 = shared.clone();
    let h = std::thread::spawn(move || s2.get_import_progress(FAILED, None).map(|j| j.state()));
    assert_eq!(h.join().unwrap().unwrap(), State::Failed);
}

#[test]
fn transport_faults_map_to_codes() {
    let emu = start(&[]);
    let client = emu.client_with(Api::Milvus, |o| {
        o.max_retries(0).unwrap().max_response_bytes(4096).unwrap();
    });
    let e = client.get_import_progress("fault-503-a", None).unwrap_err();
    assert_eq!(e.code(), Code::Http, "{e}");
    assert_eq!(e.http_status(), Some(503));
    assert_eq!(e.attempts(), 1);
    let e = client.get_import_progress("fault-big-100000-a", None).unwrap_err();
    assert_eq!(e.code(), Code::ResponseTooLarge, "{e}");
    let e = client.get_import_progress("fault-1807-a", None).unwrap_err();
    assert_eq!(e.code(), Code::RateLimited, "{e}");
    // One retry gets past one 503.
    let retrying = emu.client_with(Api::Milvus, |o| {
        o.max_retries(2).unwrap();
    });
    assert!(retrying.get_import_progress("fault-flaky503-1-a", None).is_ok());
}

#[test]
fn connect_error_when_nobody_listens() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut o = mip::Options::new();
    o.endpoint(&format!("http://127.0.0.1:{port}")).unwrap().api(Api::Milvus).unwrap().max_retries(0).unwrap();
    let client = mip::Client::new(&o).unwrap();
    let e = client.get_import_progress(RUNNING, None).unwrap_err();
    assert_eq!(e.code(), Code::Connect, "{e}");
    assert_eq!(e.http_status(), None);
}
