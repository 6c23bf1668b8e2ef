//! Test harness: starts mip-emulator on a free port and kills it on drop.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// The emulator binary: `MIP_EMULATOR`, else `MIP_LIB_DIR/tools/emulator/mip-emulator`.
pub fn emulator_path() -> PathBuf {
    if let Some(p) = std::env::var_os("MIP_EMULATOR").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(dir) = std::env::var_os("MIP_LIB_DIR").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(dir).join("tools/emulator/mip-emulator");
        if p.exists() {
            return p;
        }
    }
    panic!("set MIP_EMULATOR to the mip-emulator binary (see run_tests.sh)");
}

pub struct Emulator {
    child: Child,
    pub port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Emulator {
    /// Starts `mip-emulator --port 0 ARGS...` and reads the port from its
    /// first stdout line, waiting at most 20 s.
    pub fn start(args: &[&str]) -> Emulator {
        let path = emulator_path();
        let mut child = Command::new(&path)
            .args(["--host", "127.0.0.1", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
        // Keep the emulator's stderr (bounded) for failure messages.
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut s = sink.lock().unwrap();
                if s.len() < 64 * 1024 {
                    s.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            let mut line = String::new();
            let _ = r.read_line(&mut line);
            let _ = tx.send(line);
            // Keep draining so the emulator never blocks on a full pipe.
            let _ = std::io::copy(&mut r.take(u64::MAX), &mut std::io::sink());
        });
        let mut emu = Emulator { child, port: 0, stderr };
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
        match line.trim().parse() {
            Ok(port) => emu.port = port,
            Err(_) => {
                // Give stderr a moment to arrive (bounded) for the message.
                let _ = emu.child.kill();
                let _ = emu.child.wait();
                std::thread::sleep(Duration::from_millis(100));
                panic!(
                    "mip-emulator {args:?} printed no port within 20 s (first line {line:?}); stderr: {}",
                    emu.stderr.lock().unwrap()
                );
            }
        }
        emu
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A client of the given flavor (cloud flavors get a token and cluster).
    pub fn client(&self, api: mip::Api) -> mip::Client {
        self.client_with(api, |_| {})
    }

    pub fn client_with(&self, api: mip::Api, f: impl FnOnce(&mut mip::Options)) -> mip::Client {
        let mut o = mip::Options::new();
        o.endpoint(&self.url()).unwrap().api(api).unwrap();
        if api == mip::Api::Cloud || api == mip::Api::CloudV1 {
            o.token("test-key").unwrap().cluster_id("in01-test").unwrap();
        }
        o.timeout(Duration::from_secs(30)).unwrap();
        f(&mut o);
        mip::Client::new(&o).expect("client")
    }

    /// Bounded poll: true once this process holds an established TCP
    /// connection to the emulator (Linux /proc/net/tcp), false after `limit`.
    pub fn wait_for_connection(&self, limit: Duration) -> bool {
        let port_hex = format!(":{:04X}", self.port);
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            for table in ["/proc/self/net/tcp", "/proc/self/net/tcp6"] {
                if let Ok(text) = std::fs::read_to_string(table) {
                    // columns: sl local rem st ...; 01 = ESTABLISHED
                    if text.lines().skip(1).any(|l| {
                        let c: Vec<&str> = l.split_whitespace().collect();
                        c.len() > 3 && c[2].ends_with(&port_hex) && c[3] == "01"
                    }) {
                        return true;
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        false
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes a scenario file in the temp dir and returns its path: a new file
/// for every call (tests run in parallel), written whole before it is named.
pub fn scenario(name: &str, json: &str) -> PathBuf {
    static SEQ: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("mip-rust-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let n = SEQ.fetch_add(1, Ordering::SeqCst);
    let p = dir.join(format!("{n}-{name}"));
    let tmp = dir.join(format!("{n}-{name}.tmp"));
    std::fs::write(&tmp, json).unwrap();
    std::fs::rename(&tmp, &p).unwrap();
    p
}
