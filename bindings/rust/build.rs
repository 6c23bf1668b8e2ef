// SPDX-License-Identifier: Apache-2.0
//! Finds libmip.
//!
//! 1. `MIP_LIB_DIR`: the directory holding `libmip.so` (a CMake build dir or
//!    an install's lib dir). It is also written into the rpath of every test,
//!    example and binary, so they run without `LD_LIBRARY_PATH`.
//! 2. Otherwise `pkg-config --libs mip` (the `PKG_CONFIG` variable may name
//!    another pkg-config); each `-L` directory also becomes an rpath entry.
//! 3. Otherwise plain `-lmip`, for a library in the linker's default paths.
//!
//! The rpath reaches only this package's own tests, examples and binaries:
//! Cargo passes no dependency's link arguments to the programs that depend
//! on it. So the directory is also exported as `links` metadata: a
//! dependent's build script reads it as `DEP_MIP_LIB_DIR` (the first `-L`
//! directory from pkg-config; unset in case 3) and may put it in its own
//! rpath (see README.md, "Getting mip").

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn emit_dir(dir: &str, first: bool) {
    println!("cargo:rustc-link-search=native={dir}");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    if first {
        println!("cargo:lib_dir={dir}");
    }
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
        emit_dir(&dir.display().to_string(), true);
        println!("cargo:rustc-link-lib=dylib=mip");
        return;
    }

    let pkg_config = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    match Command::new(&pkg_config).args(["--libs", "mip"]).output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let mut linked = false;
            let mut first = true;
            for tok in text.split_whitespace() {
                if let Some(dir) = tok.strip_prefix("-L") {
                    emit_dir(dir, first);
                    first = false;
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
