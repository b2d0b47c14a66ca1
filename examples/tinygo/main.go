// tally prints the most frequent words of the files named on its command line (or of standard input),
// one "word count" line each; TALLY_TOP says how many (default 3). It shows argv, the environment and a
// preopened directory reaching a TinyGo program built for wasip1.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// version is set at link time: -ldflags "-X main.version=..." (see wasm.toml).
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 1 && args[0] == "-version" {
		fmt.Fprintf(stdout, "tally %s\n", version)
		return 0
	}
	top := 3
	if s := os.Getenv("TALLY_TOP"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "tally: TALLY_TOP=%q is not a positive number\n", s)
			return 2
		}
		top = n
	}
	counts := map[string]int{}
	if len(args) == 0 {
		count(stdin, counts)
	}
	for _, name := range args {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "tally: %v\n", err)
			return 1
		}
		count(f, counts)
		f.Close()
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	// Most frequent first; ties in alphabetical order, so the output is the same on every run.
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > top {
		words = words[:top]
	}
	for _, w := range words {
		fmt.Fprintf(stdout, "%s %d\n", w, counts[w])
	}
	return 0
}

// count adds the words of r, lower-cased, to counts; a word is a run of letters, digits and apostrophes.
func count(r io.Reader, counts map[string]int) {
	sc := bufio.NewScanner(r)
	sc.Split(bufio.ScanWords)
	for sc.Scan() {
		word := strings.ToLower(strings.TrimFunc(sc.Text(), func(c rune) bool {
			return !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '\''
		}))
		if word != "" {
			counts[word]++
		}
	}
}
