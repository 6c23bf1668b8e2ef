// SPDX-License-Identifier: Apache-2.0
//! What the integration tests share: the two emulators run_tests.sh starts
//! (tests/support/emulator.sh), both serving tests/emulator/scenario.json,
//! and the ids of that scenario.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Half-way through a 3600 s job: Importing, two file groups.
pub const IMPORTING: &str = "448761313698322999";
/// Completed: `1.parquet` 100000 rows, `a.npy b.npy` 50000 rows.
pub const COMPLETED: &str = "448761313698323001";
/// Failed with the reason [`FAILED_REASON`].
pub const FAILED: &str = "448761313698323000";
pub const FAILED_REASON: &str = "the data file is corrupted";
/// Never finishes.
pub const NEVER_ENDS: &str = "448761313698322100";
/// Not in the scenario.
pub const MISSING: &str = "448761313698300000";

/// A variable run_tests.sh exports; the test fails saying so when it is absent.
fn from_run_tests(name: &str) -> String {
    std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| {
        panic!("{name} is not set: run these tests through bindings/rust/run_tests.sh BUILD_DIR, which starts the emulators")
    })
}

/// The token the emulator at [`Emulator::with_auth`] requires. Never print it.
pub fn token() -> String {
    from_run_tests("MIP_EMULATOR_TOKEN")
}

pub struct Emulator {
    url: String,
}

impl Emulator {
    /// `MIP_EMULATOR_URL`: no auth.
    pub fn plain() -> Emulator {
        Emulator { url: from_run_tests("MIP_EMULATOR_URL") }
    }

    /// `MIP_EMULATOR_AUTH_URL`: requires [`token`].
    pub fn with_auth() -> Emulator {
        Emulator { url: from_run_tests("MIP_EMULATOR_AUTH_URL") }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn port(&self) -> u16 {
        let port = self.url.rsplit(':').next().and_then(|p| p.parse().ok());
        port.unwrap_or_else(|| panic!("no port in {}", self.url))
    }

    /// A Milvus-flavor client; every option not set here keeps libmip's default.
    pub fn client(&self) -> mip::Client {
        self.client_with(|_| {})
    }

    pub fn client_with(&self, f: impl FnOnce(&mut mip::Options)) -> mip::Client {
        let mut options = mip::Options::new();
        options.endpoint(&self.url).unwrap().api(mip::Api::Milvus).unwrap();
        f(&mut options);
        mip::Client::new(&options).expect("client")
    }

    /// Creates a Milvus job through the emulator's create route (one file
    /// group per element of `files`) and returns its id. The emulators run
    /// with `--duration 0.2`: the job reaches 100 % in 0.2 s.
    pub fn create_job(&self, collection: &str, files: &[&[&str]]) -> String {
        let groups: Vec<String> = files
            .iter()
            .map(|group| format!("[{}]", group.iter().map(|p| json_string(p)).collect::<Vec<_>>().join(",")))
            .collect();
        let body = format!(r#"{{"collectionName":{},"files":[{}]}}"#, json_string(collection), groups.join(","));
        let answer = self.post("/v2/vectordb/jobs/import/create", &body);
        let id = answer.split(r#""jobId":""#).nth(1).and_then(|rest| rest.split('"').next());
        id.unwrap_or_else(|| panic!("create answered {answer:?}")).to_string()
    }

    /// One HTTP/1.1 request on its own connection; the whole answer.
    fn post(&self, path: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port())).expect("connect to the emulator");
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("the emulator's answer");
        answer
    }
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `MIP_EMULATOR_LEGACY_URL`: started by run_tests.sh with `--legacy` (no
/// describe, commit or abort route, like Milvus 2.x).
pub fn legacy() -> Emulator {
    Emulator { url: from_run_tests("MIP_EMULATOR_LEGACY_URL") }
}

/// A collection name no other test of this run uses (the emulators are
/// shared by every test binary).
pub fn fresh_collection(what: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("rust_{what}_{}_{nanos}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A server on 127.0.0.1 (port 0) that answers every request with one fixed
/// HTTP/1.1 answer (`status`, a JSON `body`) and closes the connection: for
/// the answers the emulator does not give (a create refused by its status
/// while its envelope names a job, a list short of its count). It serves one
/// connection at a time, at most [`OneAnswer::MOST_CONNECTIONS`]; dropping
/// it stops it (a connection of its own wakes the accept), so nothing waits
/// on a timer.
pub struct OneAnswer {
    url: String,
    port: u16,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl OneAnswer {
    pub const MOST_CONNECTIONS: usize = 64;
    const MOST_HEADER_BYTES: usize = 64 * 1024;

    pub fn start(status: u16, body: &str) -> OneAnswer {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        let answer = format!(
            "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            if status < 400 { "OK" } else { "Failed" },
            body.len()
        );
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, stopped) = (Arc::clone(&requests), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            for _ in 0..Self::MOST_CONNECTIONS {
                let Ok((mut stream, _)) = listener.accept() else { return };
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                if Self::read_request(&mut stream) {
                    // Counted before the answer leaves: once a call has its
                    // answer, the count includes its request.
                    count.fetch_add(1, Ordering::SeqCst);
                    let _ = stream.write_all(answer.as_bytes());
                }
            }
        });
        OneAnswer { url: format!("http://127.0.0.1:{port}"), port, requests, stop, thread: Some(thread) }
    }

    /// Reads one request whole (head, then Content-Length bytes of body);
    /// `false` when the client hung up or the head was too long.
    fn read_request(stream: &mut TcpStream) -> bool {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            if head.len() >= Self::MOST_HEADER_BYTES || !matches!(stream.read(&mut byte), Ok(1)) {
                return false;
            }
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        let length = head
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.trim().parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).is_ok()
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for OneAnswer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wakes the accept, which then sees `stop`; when the thread has
        // served its last connection already, nobody accepts and the
        // connection just fails.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
