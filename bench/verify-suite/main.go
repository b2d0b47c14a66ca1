// textkit: the program the verification benchmark tests, a text tool of several MB as wasm (it links
// encoding/json, regexp, text/template, math/big and more), so a runtime's compile of it costs what a
// real program's does. Each subcommand reads its arguments and stdin and writes stdout; errors go to
// stderr with exit code 2.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "textkit: "+format+"\n", args...)
	os.Exit(2)
}

func input() string {
	b, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail("reading stdin: %v", err)
	}
	return string(b)
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: textkit <command> [args]")
	}
	args := os.Args[2:]
	switch os.Args[1] {
	case "sha256":
		fmt.Println(hex.EncodeToString(sha256Sum(input())))
	case "base64":
		fmt.Println(base64.StdEncoding.EncodeToString([]byte(input())))
	case "json":
		jsonPath(input(), args)
	case "re":
		if len(args) != 2 {
			fail("re PATTERN REPLACEMENT")
		}
		re, err := regexp.Compile(args[0])
		if err != nil {
			fail("bad pattern: %v", err)
		}
		fmt.Print(re.ReplaceAllString(input(), args[1]))
	case "tmpl":
		render(strings.Join(args, " "), input())
	case "url":
		for _, a := range args {
			u, err := url.Parse(a)
			if err != nil {
				fail("bad url: %v", err)
			}
			fmt.Printf("%s|%s|%s|%s\n", u.Scheme, u.Host, u.Path, u.Query().Encode())
		}
	case "sort":
		lines := strings.Split(strings.TrimRight(input(), "\n"), "\n")
		sort.Strings(lines)
		fmt.Println(strings.Join(lines, "\n"))
	case "count":
		words, upper := 0, 0
		sc := bufio.NewScanner(strings.NewReader(input()))
		sc.Split(bufio.ScanWords)
		for sc.Scan() {
			words++
			if unicode.IsUpper([]rune(sc.Text())[0]) {
				upper++
			}
		}
		fmt.Printf("words=%d capitalised=%d\n", words, upper)
	case "csv":
		rows, err := csv.NewReader(strings.NewReader(input())).ReadAll()
		if err != nil {
			fail("bad csv: %v", err)
		}
		for _, r := range rows {
			fmt.Println(strings.Join(r, "\t"))
		}
	case "fact":
		n, err := strconv.Atoi(first(args))
		if err != nil || n < 0 {
			fail("fact N: N is a whole number")
		}
		fmt.Println(new(big.Int).MulRange(1, int64(n)).String())
	case "date":
		t, err := time.Parse(time.RFC3339, first(args))
		if err != nil {
			fail("bad date: %v", err)
		}
		fmt.Println(t.UTC().Format("Monday 2 January 2006, 15:04"), t.YearDay())
	case "exit":
		code, _ := strconv.Atoi(first(args))
		fmt.Println("exiting with", code)
		os.Exit(code)
	default:
		fail("unknown command %q", os.Args[1])
	}
}

func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func sha256Sum(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func jsonPath(doc string, path []string) {
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		fail("bad json: %v", err)
	}
	for _, key := range path {
		switch node := v.(type) {
		case map[string]any:
			v = node[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(node) {
				fail("no index %s", key)
			}
			v = node[i]
		default:
			fail("nothing at %s", key)
		}
	}
	out, _ := json.Marshal(v)
	fmt.Println(string(out))
}

func render(text, data string) {
	t, err := template.New("t").Funcs(template.FuncMap{"upper": strings.ToUpper}).Parse(text)
	if err != nil {
		fail("bad template: %v", err)
	}
	var v any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		fail("bad json: %v", err)
	}
	if err := t.Execute(os.Stdout, v); err != nil {
		fail("template: %v", err)
	}
	fmt.Println()
}
