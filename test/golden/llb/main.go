// Prints the digests BuildKit's own Go client (client/llb) gives the graphs of
// test/unit/llb/golden.test.ts, marshaled for linux/amd64: one line per graph, "<name>\t<digest> ...".
// The TypeScript LLB library must produce the same; test/e2e/llb-golden.test.ts runs this with the
// testbed's Go and compares. Run by hand: go run . (in this directory).
package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/moby/buildkit/client/llb"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

func everyMountKind() llb.State {
	src := llb.Local("context",
		llb.SessionID("s1"),
		llb.SharedKeyHint("context"),
		llb.IncludePatterns([]string{"src/<x>"}),
		llb.FollowPaths([]string{"wasm.toml"}),
	)
	run := llb.Image("rust:1.80").
		Dir("/src").
		AddEnv("A", "1").
		AddEnv("B", "2").
		AddEnv("A", "3").
		Run(
			llb.Args([]string{"cargo", "build"}),
			llb.WithCustomName("build"),
			llb.User("1000"),
			llb.Network(llb.NetModeNone),
			llb.AddMount("/src", src, llb.Readonly, llb.SourcePath("crate")),
			llb.AddMount("/cache", llb.Scratch(), llb.AsPersistentCacheDir("cargo", llb.CacheMountLocked)),
			llb.AddMount("/tmp", llb.Scratch(), llb.Tmpfs(llb.TmpfsSize(1024))),
			llb.AddSecret("/run/secrets/tok", llb.SecretID("tok"), llb.SecretOptional),
		)
	out := run.AddMount("/out", llb.Scratch())
	return llb.Scratch().File(
		llb.Mkdir("/dist", 0o755, llb.WithParents(true)).
			Mkfile("/dist/x", 0o644, []byte("hi")).
			Copy(out, "/a.wasm", "/dist/").
			Rm("/dist/x", llb.WithAllowNotFound(true)),
	)
}

func main() {
	cases := []struct {
		name  string
		state llb.State
	}{
		{"image + run", llb.Image("alpine").Run(llb.Args([]string{"true"})).Root()},
		{"local + exec with every mount kind + file chain", everyMountKind()},
		{"git", llb.Git("https://github.com/moby/buildkit.git", "v0.1")},
		{"http", llb.HTTP("https://example.com/x", llb.Filename("x"), llb.Chmod(0o755))},
		{"merge", llb.Merge([]llb.State{llb.Image("alpine"), llb.Image("busybox")})},
		{"image by digest, forced pull", llb.Image("ghcr.io/org/img@sha256:"+strings.Repeat("a1b2c3d4", 8), llb.ResolveModeForcePull)},
	}
	for _, c := range cases {
		def, err := c.state.Marshal(context.Background(), llb.Platform(ocispecs.Platform{OS: "linux", Architecture: "amd64"}))
		if err != nil {
			panic(err)
		}
		digests := make([]string, len(def.Def))
		for i, dt := range def.Def {
			digests[i] = digest.FromBytes(dt).String()
		}
		fmt.Printf("%s\t%s\n", c.name, strings.Join(digests, " "))
	}
}
