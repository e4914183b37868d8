//! Re-exports the Wasmtime C API so that the static library carries every
//! wasm_*, wasmtime_* and wasi_* symbol the runner links against.
pub use wasmtime_c_api::*;
