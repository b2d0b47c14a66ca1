# check=skip=InvalidDefaultArgInFrom
# go.Dockerfile with go's build cache (GOCACHE) in a cache mount: what a one-line change can reuse.
ARG TOOLCHAIN
FROM --platform=$BUILDPLATFORM ${TOOLCHAIN} AS build
ARG GOPROXY
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build GOOS=wasip1 GOARCH=wasm go build -trimpath -buildvcs=false \
      "-ldflags=-s -w -X 'main.version=0.1.0 (example)'" -o /greet.wasm ./cmd/greet

FROM scratch
COPY --from=build /greet.wasm /greet.wasm
ENTRYPOINT ["/greet.wasm"]
