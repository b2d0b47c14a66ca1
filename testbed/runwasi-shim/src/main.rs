//! containerd-shim-wasmtime-v1 for the testbed: runwasi's `containerd-shim-wasm` library runs the container
//! (it pulls the module out of the image's rootfs or its Wasm layers, and hands this code the process's
//! arguments and environment inside the container's root); this file runs it with wasmtime.

use anyhow::{bail, Result};
use containerd_shim_wasm::sandbox::context::{RuntimeContext, WasmBinaryType};
use containerd_shim_wasm::sandbox::Sandbox;
use containerd_shim_wasm::shim::{version, Cli, Config, Shim, Version};
use wasmtime::component::{Component, Linker as ComponentLinker, ResourceTable};
use wasmtime::{Engine, Linker, Module, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::p2::{self, bindings::Command};
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

struct WasmtimeShim;

#[derive(Default)]
struct WasmtimeSandbox {
    engine: Engine,
}

impl Shim for WasmtimeShim {
    type Sandbox = WasmtimeSandbox;

    fn name() -> &'static str {
        "wasmtime"
    }

    fn version() -> Version {
        version!()
    }
}

impl Sandbox for WasmtimeSandbox {
    // The library drives this future from its tokio runtime, hence wasmtime-wasi's async API throughout.
    async fn run_wasi(&self, ctx: &impl RuntimeContext) -> Result<i32> {
        let entrypoint = ctx.entrypoint();
        let bytes = entrypoint.source.as_bytes()?;
        let mut wasi = WasiCtxBuilder::new();
        wasi.inherit_stdio().args(ctx.args()).envs(&env_pairs(ctx.envs()));
        // This runs inside the container's root: its `/` is the image's rootfs plus the spec's mounts.
        wasi.preopened_dir("/", "/", FsPerms::ReadWrite)?;
        match WasmBinaryType::from_bytes(&bytes) {
            Some(WasmBinaryType::Module) => {
                self.run_module(&bytes, &entrypoint.func, wasi.build_p1()).await
            }
            Some(WasmBinaryType::Component) => self.run_component(&bytes, wasi.build()).await,
            None => bail!("the entrypoint is neither a Wasm module nor a component"),
        }
    }
}

impl WasmtimeSandbox {
    async fn run_module(&self, bytes: &[u8], func: &str, wasi: WasiP1Ctx) -> Result<i32> {
        let module = Module::new(&self.engine, bytes)?;
        let mut linker = Linker::<WasiP1Ctx>::new(&self.engine);
        p1::add_to_linker_async(&mut linker, |cx| cx)?;
        let mut store = Store::new(&self.engine, wasi);
        let instance = linker.instantiate_async(&mut store, &module).await?;
        let start = instance.get_typed_func::<(), ()>(&mut store, func)?;
        exit_code(start.call_async(&mut store, ()).await)
    }

    async fn run_component(&self, bytes: &[u8], wasi: WasiCtx) -> Result<i32> {
        let component = Component::new(&self.engine, bytes)?;
        let mut linker = ComponentLinker::<ComponentState>::new(&self.engine);
        p2::add_to_linker_async(&mut linker)?;
        let state = ComponentState { wasi, table: ResourceTable::new() };
        let mut store = Store::new(&self.engine, state);
        let command = Command::instantiate_async(&mut store, &component, &linker).await?;
        match command.wasi_cli_run().call_run(&mut store).await {
            Ok(Ok(())) => Ok(0),
            // wasi:cli/run returned `err`: exit status 1, as the wasmtime CLI reports it.
            Ok(Err(())) => Ok(1),
            Err(err) => exit_code(Err(err)),
        }
    }
}

struct ComponentState {
    wasi: WasiCtx,
    table: ResourceTable,
}

impl WasiView for ComponentState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

/// `proc_exit(n)` / `wasi:cli/exit` arrive as an `I32Exit` error: that is the exit code. Any other error is a
/// trap: it goes to the container's stderr, and the library turns the error into its fixed exit code 137.
fn exit_code(result: wasmtime::Result<()>) -> Result<i32> {
    match result {
        Ok(()) => Ok(0),
        Err(err) => match err.downcast_ref::<I32Exit>() {
            Some(exit) => Ok(exit.0),
            None => {
                eprintln!("Error: {err:?}");
                Err(err.into())
            }
        },
    }
}

/// The spec's `NAME=value` strings as pairs (an entry without `=` is an empty variable, as execve sees it).
fn env_pairs(envs: &[String]) -> Vec<(String, String)> {
    envs.iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (kv.clone(), String::new()),
        })
        .collect()
}

fn main() {
    WasmtimeShim::run(Config::default());
}
