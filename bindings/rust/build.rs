//! Finds libmip.
//!
//! 1. `MIP_LIB_DIR`: the directory holding `libmip.so` (a CMake build dir or
//!    an install's lib dir). It is also written into the rpath of every test,
//!    example and binary, so they run without `LD_LIBRARY_PATH`.
//! 2. Otherwise `pkg-config --libs mip` (the `PKG_CONFIG` variable may name
//!    another pkg-config); each `-L` directory also becomes an rpath entry.
//! 3. Otherwise plain `-lmip`, for a library in the linker's default paths.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn emit_dir(dir: &str) {
    println!("cargo:rustc-link-search=native={dir}");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=MIP_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_LIBDIR");

    if let Some(dir) = env::var_os("MIP_LIB_DIR").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        if !dir.join("libmip.so").exists() && !dir.join("libmip.dylib").exists() {
            println!("cargo:warning=MIP_LIB_DIR={} holds no libmip.so", dir.display());
        }
        println!("cargo:rerun-if-changed={}", dir.join("libmip.so").display());
        emit_dir(&dir.display().to_string());
        println!("cargo:rustc-link-lib=dylib=mip");
        return;
    }

    let pkg_config = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    match Command::new(&pkg_config).args(["--libs", "mip"]).output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let mut linked = false;
            for tok in text.split_whitespace() {
                if let Some(dir) = tok.strip_prefix("-L") {
                    emit_dir(dir);
                } else if let Some(lib) = tok.strip_prefix("-l") {
                    println!("cargo:rustc-link-lib=dylib={lib}");
                    linked |= lib == "mip";
                } else {
                    println!("cargo:rustc-link-arg={tok}");
                }
            }
            if !linked {
                println!("cargo:rustc-link-lib=dylib=mip");
            }
        }
        _ => {
            println!(
                "cargo:warning=libmip not found: set MIP_LIB_DIR to the directory holding \
                 libmip.so, or make `{pkg_config} --libs mip` work; trying plain -lmip"
            );
            println!("cargo:rustc-link-lib=dylib=mip");
        }
    }
}
