// A WASI 0.2 command component from Go: go builds the wasip1 module (GOOS=wasip1), the frontend makes it
// a component with the preview1 command adapter.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	greeting := os.Getenv("GREETING")
	if greeting == "" {
		greeting = "Hello"
	}
	name := "world"
	if len(os.Args) == 2 && os.Args[1] == "-" {
		// The name from standard input: WASI 0.2's stdin stream, through the adapter.
		in, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		name = strings.TrimSpace(string(in))
	} else if len(os.Args) > 1 {
		name = strings.Join(os.Args[1:], " ")
	}
	fmt.Printf("%s, %s!\n", greeting, name)
}
