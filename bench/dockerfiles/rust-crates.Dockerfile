# check=skip=InvalidDefaultArgInFrom
# examples/rust-crates as the Docker+Wasm guides build Rust: the manifests and `cargo fetch` in a layer of
# their own, then the sources and `cargo build`, then FROM scratch with only the module. The same commands,
# profile settings and toolchain image as the frontend's steps (the benchmark's baseline, without wasm-opt).
ARG TOOLCHAIN
FROM --platform=$BUILDPLATFORM ${TOOLCHAIN} AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && touch src/main.rs && cargo fetch --target wasm32-wasi --locked
COPY src src
ENV CARGO_PROFILE_RELEASE_STRIP=symbols
RUN cargo build --frozen --release --target wasm32-wasi \
 && cp target/wasm32-wasi/release/rust-crates.wasm /rust-crates.wasm

FROM scratch
COPY --from=build /rust-crates.wasm /rust-crates.wasm
ENTRYPOINT ["/rust-crates.wasm"]
