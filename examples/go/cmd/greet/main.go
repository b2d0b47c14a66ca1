// greet says hello to each name on its command line and in a guest list file, in the greeting the
// GREETING environment variable names. It shows argv, the environment and a preopened directory
// reaching a Go program compiled for GOOS=wasip1.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// version is set at link time: -ldflags "-X main.version=..." (see wasm.toml).
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("greet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	guests := fs.String("f", "", "read more names from `file`, one per line (- for standard input)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: greet [-f file] [name ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "greet %s\n", version)
		return 0
	}
	names := fs.Args()
	if *guests != "" {
		more, err := readNames(*guests)
		if err != nil {
			fmt.Fprintf(stderr, "greet: %v\n", err)
			return 1
		}
		names = append(names, more...)
	}
	if len(names) == 0 {
		names = []string{"world"}
	}
	greeting := os.Getenv("GREETING")
	if greeting == "" {
		greeting = "Hello"
	}
	title := cases.Title(language.English)
	for _, name := range names {
		fmt.Fprintf(stdout, "%s, %s!\n", greeting, title.String(name))
	}
	return 0
}

// readNames returns the non-blank lines of a file (- is standard input), trimmed; # starts a comment line.
func readNames(path string) ([]string, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var names []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	return names, sc.Err()
}
