//! Measures the binding against a loopback mip-emulator.
//!
//! 1. Per-call overhead of `Client::get_import_progress` over the raw
//!    `sys::mip_get_import_progress` (+ `mip_job_free`), same client, same
//!    job, calls interleaved; medians of many iterations. Measured against
//!    the emulator, and again against a minimal in-process loopback server
//!    (std::net, TCP_NODELAY, one write per answer) whose round trip costs
//!    less than the emulator's, so the binding's share shows more clearly.
//! 2. Converting a job of some 60,000 details (the emulator's `fault-big`
//!    job of about 8 MB) into owned Rust values (`Vec<DetailInfo>` and
//!    `JobInfo`), median of several runs.
//!
//! It uses the emulator at `MIP_EMULATOR_URL`, serving the shared scenario
//! (`MIP_RUN_BENCH=1 bindings/rust/run_tests.sh BUILD_DIR` starts it and
//! runs this), or by hand:
//!
//! ```text
//! MIP_LIB_DIR=$PWD/../../build MIP_EMULATOR_URL=http://127.0.0.1:PORT \
//!     cargo run --offline --release --example bench -- [EMULATOR_ITERATIONS] [LOCAL_ITERATIONS] [CONVERSIONS]
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use mip::{sys, Api, DetailInfo};
use std::ffi::CString;
use std::hint::black_box;
use std::ptr;
use std::time::{Duration, Instant};

/// A job of the shared scenario with two details.
const SMALL: &str = "448761313698322999";
/// About 8 MB of answer: some 60,000 details.
const BIG: &str = "fault-big-8200000";

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn percentile(v: &[Duration], p: f64) -> Duration {
    v[((v.len() - 1) as f64 * p) as usize]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Interleaves raw and safe calls on `client` and prints the medians.
fn compare_calls(client: &mip::Client, iterations: usize, what: &str) {
    let id = CString::new(SMALL).unwrap();
    let raw_call = || unsafe {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let rc = sys::mip_get_import_progress(client.as_raw(), id.as_ptr(), ptr::null_mut(), &mut out, &mut err);
        assert_eq!(rc, sys::MIP_OK);
        black_box(sys::mip_job_state(out));
        sys::mip_job_free(out);
    };
    let safe_call = || {
        let job = client.get_import_progress(SMALL, None).unwrap();
        black_box(job.state());
    };
    for _ in 0..(iterations / 10).max(20) {
        raw_call();
        safe_call();
    }
    let mut raw = Vec::with_capacity(iterations);
    let mut safe = Vec::with_capacity(iterations);
    let mut diff_ns = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let (r, s) = if i % 2 == 0 {
            let t = Instant::now();
            raw_call();
            let r = t.elapsed();
            let t = Instant::now();
            safe_call();
            (r, t.elapsed())
        } else {
            let t = Instant::now();
            safe_call();
            let s = t.elapsed();
            let t = Instant::now();
            raw_call();
            (t.elapsed(), s)
        };
        raw.push(r);
        safe.push(s);
        diff_ns.push(s.as_nanos() as i128 - r.as_nanos() as i128);
    }
    let (mr, ms) = (median(&mut raw), median(&mut safe));
    diff_ns.sort();
    println!("\nget_import_progress, {iterations} interleaved calls each, Milvus flavor, 2-detail job");
    println!("  server: {what}");
    println!(
        "  raw sys call   median {:9.1} us   (p10 {:.1}, p90 {:.1})",
        us(mr),
        us(percentile(&raw, 0.1)),
        us(percentile(&raw, 0.9))
    );
    println!(
        "  safe Client    median {:9.1} us   (p10 {:.1}, p90 {:.1})",
        us(ms),
        us(percentile(&safe, 0.1)),
        us(percentile(&safe, 0.9))
    );
    println!(
        "  overhead       difference of medians {:+.2} us; median paired difference {:+.2} us",
        us(ms) - us(mr),
        diff_ns[diff_ns.len() / 2] as f64 / 1000.0
    );
}

/// A minimal keep-alive HTTP/1.1 server answering every request with the
/// emulator's Milvus `describe` answer for the small job.
struct LocalServer {
    port: u16,
}

impl LocalServer {
    fn start() -> LocalServer {
        use std::io::{BufRead, BufReader, Read, Write};
        const BODY: &str = r#"{"code":0,"data":{"collectionName":"small","completeTime":"","createTime":"2026-11-23T18:43:29Z","details":[{"completeTime":"","fileName":"[1.parquet]","fileSize":3279917,"importedRows":53842,"progress":53,"state":"InProgress","totalRows":100000},{"completeTime":"","fileName":"[a.npy b.npy]","fileSize":5941501,"importedRows":0,"progress":0,"state":"InProgress","totalRows":180000}],"fileSize":9221418,"importedRows":53842,"jobId":"448761313698322999","progress":45,"state":"Importing","totalRows":280000}}"#;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                std::thread::spawn(move || {
                    let _ = stream.set_nodelay(true);
                    let mut writer = stream.try_clone().unwrap();
                    let mut reader = BufReader::new(stream);
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
                        BODY.len()
                    );
                    loop {
                        let mut length = 0usize;
                        let mut line = String::new();
                        loop {
                            line.clear();
                            match reader.read_line(&mut line) {
                                Ok(0) | Err(_) => return,
                                Ok(_) => {}
                            }
                            if line == "\r\n" {
                                break;
                            }
                            let lower = line.to_ascii_lowercase();
                            if let Some(v) = lower.strip_prefix("content-length:") {
                                length = v.trim().parse().unwrap_or(0);
                            }
                        }
                        let mut body = vec![0; length];
                        if reader.read_exact(&mut body).is_err() || writer.write_all(answer.as_bytes()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        LocalServer { port }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let emu_iterations: usize = args.next().map_or(400, |a| a.parse().expect("EMULATOR_ITERATIONS"));
    let local_iterations: usize = args.next().map_or(5000, |a| a.parse().expect("LOCAL_ITERATIONS"));
    let conversions: usize = args.next().map_or(15, |a| a.parse().expect("CONVERSIONS"));

    let emulator = common::Emulator::plain();
    let client = emulator.client_with(|o| {
        o.max_retries(0).unwrap();
    });
    println!("libmip {} / mip-emulator at {}", mip::version(), emulator.url());

    // ---- 1. per-call overhead -------------------------------------------
    compare_calls(&client, emu_iterations, "mip-emulator");
    let local = LocalServer::start();
    let local_client = {
        let mut o = mip::Options::new();
        o.endpoint(&format!("http://127.0.0.1:{}", local.port))
            .unwrap()
            .api(Api::Milvus)
            .unwrap()
            .max_retries(0)
            .unwrap();
        mip::Client::new(&o).unwrap()
    };
    compare_calls(&local_client, local_iterations, "in-process std::net server, TCP_NODELAY, same 2-detail answer");

    let id = CString::new(SMALL).unwrap();
    // The binding's own work, without the network: CString + Result + Drop
    // around a call that fails in C at once (pre-triggered cancel token).
    let cancelled = mip::CancelToken::new();
    cancelled.trigger();
    let n = 200_000;
    for _ in 0..n / 10 {
        black_box(client.get_import_progress(SMALL, Some(&cancelled)).is_err());
    }
    let t = Instant::now();
    for _ in 0..n {
        black_box(unsafe {
            let mut out = ptr::null_mut();
            let mut err = ptr::null_mut();
            let rc = sys::mip_get_import_progress(client.as_raw(), id.as_ptr(), cancelled.as_raw(), &mut out, &mut err);
            sys::mip_error_free(err);
            rc
        });
    }
    let raw_fast = t.elapsed() / n;
    let t = Instant::now();
    for _ in 0..n {
        black_box(client.get_import_progress(SMALL, Some(&cancelled)).is_err());
    }
    let safe_fast = t.elapsed() / n;
    println!(
        "  no-network path (cancelled token, error copied into Error): raw {} ns, safe {} ns",
        raw_fast.as_nanos(),
        safe_fast.as_nanos()
    );

    // ---- 2. converting a 60,000-detail job --------------------------------
    let big_client = emulator.client_with(|o| {
        o.timeout(Duration::from_secs(120)).unwrap();
    });
    let t = Instant::now();
    let job = big_client.get_import_progress(BIG, None).unwrap();
    let fetch = t.elapsed();
    let details = job.detail_count();
    assert!(details > 0);
    assert_eq!(job.details().len(), details);
    let last_name = job.detail(details - 1).unwrap().file_name();
    println!("\n{details}-detail job: fetched and parsed by libmip in {:.1} ms (once)", fetch.as_secs_f64() * 1e3);

    let mut vec_times = Vec::with_capacity(conversions);
    let mut info_times = Vec::with_capacity(conversions);
    let mut borrow_times = Vec::with_capacity(conversions);
    for _ in 0..conversions {
        let t = Instant::now();
        let v: Vec<DetailInfo> = job.details().map(DetailInfo::from).collect();
        vec_times.push(t.elapsed());
        assert_eq!(v.len(), details);
        assert_eq!(v[details - 1].file_name, last_name);
        drop(black_box(v));

        let t = Instant::now();
        let info = job.to_info();
        info_times.push(t.elapsed());
        assert_eq!(info.details.len(), details);
        drop(black_box(info));

        let t = Instant::now();
        let rows: u64 = job.details().filter_map(|d| d.total_rows()).sum::<u64>()
            + job.details().map(|d| d.file_name().len() as u64).sum::<u64>();
        borrow_times.push(t.elapsed());
        black_box(rows);
    }
    let mv = median(&mut vec_times);
    let mi = median(&mut info_times);
    let mb = median(&mut borrow_times);
    println!(
        "  details -> Vec<DetailInfo> (owned Strings)  median {:7.2} ms  ({:.0} ns/detail), {conversions} runs",
        mv.as_secs_f64() * 1e3,
        mv.as_nanos() as f64 / details as f64
    );
    println!("  job.to_info() (whole JobInfo)              median {:7.2} ms", mi.as_secs_f64() * 1e3);
    println!("  borrowed walk (2 passes, no allocation)    median {:7.2} ms", mb.as_secs_f64() * 1e3);
}
