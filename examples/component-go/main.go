// A WASI 0.2 command component from Go: go builds the wasip1 module (GOOS=wasip1), the frontend makes it
// a component with the preview1 command adapter.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	greeting := os.Getenv("GREETING")
	if greeting == "" {
		greeting = "Hello"
	}
	name := "world"
	if len(os.Args) > 1 {
		name = strings.Join(os.Args[1:], " ")
	}
	fmt.Printf("%s, %s!\n", greeting, name)
}
