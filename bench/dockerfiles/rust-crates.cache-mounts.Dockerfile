# check=skip=InvalidDefaultArgInFrom
# rust-crates.Dockerfile with cargo's target directory in a cache mount: what a one-line change can reuse.
ARG TOOLCHAIN
FROM --platform=$BUILDPLATFORM ${TOOLCHAIN} AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && touch src/main.rs && cargo fetch --target wasm32-wasi --locked
COPY src src
ENV CARGO_PROFILE_RELEASE_STRIP=symbols
RUN --mount=type=cache,target=/src/target cargo build --frozen --release --target wasm32-wasi \
 && cp target/wasm32-wasi/release/rust-crates.wasm /rust-crates.wasm

FROM scratch
COPY --from=build /rust-crates.wasm /rust-crates.wasm
ENTRYPOINT ["/rust-crates.wasm"]
