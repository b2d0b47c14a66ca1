# check=skip=InvalidDefaultArgInFrom
# examples/go as the Docker+Wasm guides build Go: go.mod/go.sum and `go mod download` in a layer of their
# own, then the sources and `go build`, then FROM scratch with only the module. The same flags, GOPROXY and
# toolchain image as the frontend's steps (the benchmark's baseline, without wasm-opt).
ARG TOOLCHAIN
FROM --platform=$BUILDPLATFORM ${TOOLCHAIN} AS build
ARG GOPROXY
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN GOOS=wasip1 GOARCH=wasm go build -trimpath -buildvcs=false \
      "-ldflags=-s -w -X 'main.version=0.1.0 (example)'" -o /greet.wasm ./cmd/greet

FROM scratch
COPY --from=build /greet.wasm /greet.wasm
ENTRYPOINT ["/greet.wasm"]
