// SPDX-License-Identifier: Apache-2.0
//! The import lifecycle through the binding: ImportRequest marshalled into
//! C (UTF-8, NUL bytes refused in Rust), create -> Uncommitted -> commit ->
//! Completed, abort, list (a JobList lending its jobs), idempotency, the
//! errors found before sending, Code::Unsupported, and cancel tokens handed
//! to each call.

mod common;

use common::{fresh_collection, legacy, Emulator, OneAnswer, IMPORTING};
use mip::{CancelToken, Client, Code, ImportRequest, State};
use std::time::Duration;

/// Every wait of this file: polls 20 ms apart, at most 20 s.
fn wait(client: &Client, id: &str) -> mip::Job {
    let mut polls = 0u32;
    let job = client
        .wait(id, Duration::from_millis(20), Some(Duration::from_secs(20)), None, |_| {
            polls += 1;
            polls < 2000
        })
        .unwrap_or_else(|e| panic!("wait for {id}: {e}"));
    assert!(polls > 0);
    job
}

fn request(collection: &str, auto_commit: bool) -> ImportRequest {
    let mut r = ImportRequest::new();
    r.collection(collection).unwrap().files(["1.parquet"]).unwrap().auto_commit(auto_commit).unwrap();
    r
}

#[test]
fn create_wait_uncommitted_commit_wait_completed() {
    let client = Emulator::plain().client();
    let collection = fresh_collection("commit");
    let mut r = ImportRequest::new();
    r.collection(&collection).unwrap();
    r.files(["données/ü.parquet"]).unwrap().files(["a.npy", "b.npy"]).unwrap();
    r.option("timeout", "300s").unwrap().auto_commit(false).unwrap();
    let id = client.create_import(&r, None).unwrap_or_else(|e| panic!("create: {e}"));
    assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()), "a Milvus id: {id}");

    let job = wait(&client, &id);
    assert_eq!(job.id(), id);
    assert_eq!(job.state(), State::Uncommitted, "{job:?}");
    assert_eq!(job.progress(), Some(99));
    assert_eq!(job.collection_name(), collection);
    let names: Vec<&str> = job.details().map(|d| d.file_name()).collect();
    assert_eq!(names, ["[données/ü.parquet]", "[a.npy b.npy]"], "UTF-8 through C and back");

    client.commit_import(&id, None).unwrap_or_else(|e| panic!("commit: {e}"));
    let job = wait(&client, &id);
    assert_eq!(job.state(), State::Completed, "{job:?}");
    assert_eq!(job.progress(), Some(100));

    let e = client.commit_import(&id, None).unwrap_err();
    assert_eq!(e.code(), Code::Server, "a commit the state refuses: {e}");
    assert_eq!(e.server_code(), Some(2100));
    let e = client.abort_import(&id, None).unwrap_err();
    assert_eq!(e.code(), Code::Server, "an abort of a Completed job: {e}");
}

#[test]
fn abort_ends_the_job_failed_and_again_succeeds() {
    let client = Emulator::plain().client();
    let id = client.create_import(&request(&fresh_collection("abort"), false), None).unwrap();
    client.abort_import(&id, None).unwrap_or_else(|e| panic!("abort: {e}"));
    client.abort_import(&id, None).unwrap_or_else(|e| panic!("second abort: {e}"));
    let job = client.get_import_progress(&id, None).unwrap();
    assert_eq!(job.state(), State::Failed);
    assert!(job.reason().contains("aborted"), "{}", job.reason());
    let e = client.commit_import(&id, None).unwrap_err();
    assert_eq!(e.code(), Code::Server, "{e}");
}

#[test]
fn a_list_lends_its_jobs_in_order() {
    let client = Emulator::plain().client();
    let collection = fresh_collection("list_é");
    let ids: Vec<String> = (0..3).map(|_| client.create_import(&request(&collection, true), None).unwrap()).collect();

    let list = client.list_imports(Some(&collection), None).unwrap();
    assert_eq!(list.len(), 3);
    assert!(!list.is_empty());
    assert!(list.is_complete(), "Milvus lists in one answer");
    let listed: Vec<&str> = list.iter().map(|j| j.id()).collect();
    assert_eq!(listed, ids, "creation order");
    let backwards: Vec<&str> = list.iter().rev().map(|j| j.id()).collect();
    assert_eq!(backwards, ids.iter().rev().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(list.iter().len(), 3);
    assert_eq!((&list).into_iter().nth(2).map(|j| j.id()), Some(ids[2].as_str()));
    assert!(list.get(3).is_none(), "past the end");
    for job in &list {
        assert_eq!(job.collection_name(), collection, "UTF-8 both ways");
        assert_ne!(job.state(), State::Unknown);
        assert_eq!(job.details().len(), 0, "a listed job has no details");
        assert_eq!(job.to_info().id, job.id());
    }
    assert!(format!("{list:?}").contains(&ids[0]));

    // The same jobs among all the server lists, and in none of another collection.
    let all = client.list_imports(None, None).unwrap();
    for id in &ids {
        assert_eq!(all.iter().filter(|j| j.id() == id).count(), 1, "{id} once in the whole list");
    }
    assert!(client.list_imports(Some(&fresh_collection("empty")), None).unwrap().is_empty());

    // Jobs shared with threads, borrowed from the list.
    std::thread::scope(|s| {
        let handles: Vec<_> = list.iter().map(|job| s.spawn(move || job.id().len())).collect();
        for h in handles {
            assert!(h.join().unwrap() > 0);
        }
    });
}

#[test]
fn the_same_idempotency_key_gives_the_first_jobs_id() {
    let client = Emulator::plain().client();
    let collection = fresh_collection("idem");
    let mut r = request(&collection, true);
    r.idempotency_key(&format!("rust-{collection}")).unwrap();
    let first = client.create_import(&r, None).unwrap();
    let again = client.create_import(&r, None).unwrap();
    assert_eq!(first, again, "the request is reusable and its key is kept");
    assert_eq!(client.list_imports(Some(&collection), None).unwrap().len(), 1);
}

#[test]
fn invalid_requests_fail_before_anything_is_sent() {
    let client = Emulator::plain().client();
    let check = |r: &ImportRequest, what: &str| {
        let e = client.create_import(r, None).unwrap_err();
        assert_eq!(e.code(), Code::InvalidArgument, "{what}: {e}");
        assert_eq!(e.attempts(), 0, "{what}: nothing sent");
        e
    };
    check(&ImportRequest::new(), "empty request");
    let mut r = ImportRequest::new();
    r.collection(&fresh_collection("nofiles")).unwrap();
    check(&r, "no files");

    const SECRET: &str = "sk-object-secret-5e1f0a9b77c24d13";
    let mut r = request(&fresh_collection("keys"), true);
    r.object_credentials("AKIAOBJECTKEY", SECRET).unwrap();
    let e = check(&r, "object keys on Milvus");
    assert!(!format!("{e} {e:?} {r:?}").contains(SECRET), "the secret key in an error or a Debug");

    // A NUL byte in any Rust string is an error, never a shorter string.
    let mut r = ImportRequest::new();
    for e in [
        r.collection("coll\0ection").unwrap_err(),
        r.partition("p\0").unwrap_err(),
        r.files(["a.parquet", "b\0.parquet"]).unwrap_err(),
        r.option("k\0", "v").unwrap_err(),
        r.option("k", "v\0").unwrap_err(),
        r.idempotency_key("key\0").unwrap_err(),
        r.object_credentials("a\0", "s").unwrap_err(),
        client.commit_import("4487\u{0}613", None).unwrap_err(),
        client.abort_import("4487\u{0}613", None).unwrap_err(),
        client.list_imports(Some("coll\0ection"), None).unwrap_err(),
    ] {
        assert_eq!(e.code(), Code::InvalidArgument, "{e}");
        assert!(e.message().contains("NUL"), "{e}");
        assert_eq!(e.attempts(), 0);
    }
    check(&r, "nothing was set by the refused setters");
}

#[test]
fn cloud_v1_has_no_two_phase_import_and_no_options() {
    let emulator = Emulator::plain();
    let mut options = mip::Options::new();
    options
        .endpoint(emulator.url())
        .unwrap()
        .api(mip::Api::CloudV1)
        .unwrap()
        .token("sk-cloud-v1-test-token")
        .unwrap()
        .cluster_id("in01-rusttest")
        .unwrap();
    let client = Client::new(&options).unwrap();
    for e in [client.commit_import(IMPORTING, None).unwrap_err(), client.abort_import(IMPORTING, None).unwrap_err()] {
        assert_eq!(e.code(), Code::Unsupported, "{e}");
        assert_eq!(e.attempts(), 0, "nothing sent");
        assert!(!e.is_transient());
        assert_eq!(e.to_string(), format!("{} (MIP_ERR_UNSUPPORTED)", e.message()));
    }
    let mut r = request(&fresh_collection("v1"), true);
    r.option("sep", ",").unwrap();
    let e = client.create_import(&r, None).unwrap_err();
    assert_eq!((e.code(), e.attempts()), (Code::InvalidArgument, 0), "options on cloud-v1: {e}");
}

#[test]
fn a_server_without_the_routes_is_unsupported() {
    let client = legacy().client();
    for e in [client.commit_import(IMPORTING, None).unwrap_err(), client.abort_import(IMPORTING, None).unwrap_err()] {
        assert_eq!(e.code(), Code::Unsupported, "{e}");
        assert_eq!(e.http_status(), Some(404));
        assert_eq!(e.attempts(), 1, "never retried");
        assert!(!e.is_transient());
    }
}

#[test]
fn each_call_hands_its_cancel_token_to_c() {
    let client = Emulator::plain().client();
    let collection = fresh_collection("cancel");
    let token = CancelToken::new();
    token.trigger();
    let r = request(&collection, false);
    let errors = [
        client.create_import(&r, Some(&token)).map(drop).unwrap_err(),
        client.list_imports(Some(&collection), Some(&token)).map(drop).unwrap_err(),
        client.commit_import(IMPORTING, Some(&token)).unwrap_err(),
        client.abort_import(IMPORTING, Some(&token)).unwrap_err(),
    ];
    for e in errors {
        assert_eq!(e.code(), Code::Cancelled, "{e}");
        assert_eq!(e.attempts(), 0, "cancelled before sending");
    }
    // Nothing was created; an untriggered token lets the same calls through.
    let fresh = CancelToken::new();
    assert!(client.list_imports(Some(&collection), Some(&fresh)).unwrap().is_empty());
    let id = client.create_import(&r, Some(&fresh)).unwrap();
    client.abort_import(&id, Some(&fresh)).unwrap();
}

/// A cloud client of a local server.
fn cloud_client(url: &str) -> Client {
    let mut options = mip::Options::new();
    options
        .endpoint(url)
        .unwrap()
        .api(mip::Api::Cloud)
        .unwrap()
        .token("sk-rust-list-token-0123")
        .unwrap()
        .cluster_id("in01-rustlist")
        .unwrap()
        .max_retries(0)
        .unwrap();
    Client::new(&options).unwrap()
}

/// A cloud page of `records` that counts `count` jobs.
fn cloud_page(count: usize) -> String {
    format!(
        r#"{{"code":0,"data":{{"count":{count},"currentPage":1,"pageSize":2,"records":[
        {{"jobId":"job-ü-1","collectionName":"コレクション","state":"Importing","progress":42}},
        {{"jobId":"job-2","collectionName":"c","state":"Completed","progress":100}}]}}}}"#
    )
}

#[test]
fn a_list_short_of_the_servers_count_says_so() {
    // A server that ignores currentPage: it repeats its page of two jobs,
    // three counted. The list keeps each job once and ends short.
    let server = OneAnswer::start(200, &cloud_page(3));
    let list = cloud_client(server.url()).list_imports(None, None).unwrap_or_else(|e| panic!("list: {e}"));
    assert_eq!(server.requests(), 2, "the second page repeated the first");
    drop(server);
    assert!(!list.is_complete(), "{list:?}");
    let ids: Vec<&str> = list.iter().map(|j| j.id()).collect();
    assert_eq!(ids, ["job-ü-1", "job-2"]);
    assert_eq!(list.get(0).map(|j| j.collection_name()), Some("コレクション"));
    // Read from another thread: the flag is the list's, like its jobs.
    std::thread::scope(|s| assert!(!s.spawn(|| list.is_complete()).join().unwrap()));

    // The same page counting two jobs: one request, and the list is whole.
    let server = OneAnswer::start(200, &cloud_page(2));
    let list = cloud_client(server.url()).list_imports(Some("コレクション"), None).unwrap();
    assert_eq!(server.requests(), 1);
    assert!(list.is_complete(), "{list:?}");
    assert_eq!(list.len(), 2);
}
