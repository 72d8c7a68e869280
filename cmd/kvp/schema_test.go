package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSchemasUpToDate regenerates every schema from its Go type and fails
// when the committed file under schema/ differs. Refresh with
// go test ./cmd/kvp -run TestSchemasUpToDate -update
func TestSchemasUpToDate(t *testing.T) {
	names := map[string]bool{}
	for _, d := range documents {
		names[d.Name+".json"] = true
		want, err := generateSchema(d)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("schema", d.Name+".json")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (write it with -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the schema of %T: run go test ./cmd/kvp -run TestSchemasUpToDate -update and review the change", path, d.Type)
		}
	}
	files, _ := filepath.Glob("schema/*.json")
	for _, f := range files {
		if !names[filepath.Base(f)] {
			t.Errorf("%s: no document has this name", f)
		}
	}
}

// compiledSchemas are the committed schemas, compiled once.
var compiledSchemas = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	out := map[string]*jsonschema.Schema{}
	for _, d := range documents {
		b, err := committedSchema(d.Name)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		if err := c.AddResource(schemaURI+d.Name+".json", doc); err != nil {
			return nil, err
		}
	}
	for _, d := range documents {
		s, err := c.Compile(schemaURI + d.Name + ".json")
		if err != nil {
			return nil, err
		}
		out[d.Name] = s
	}
	return out, nil
})

// validateDocument checks one JSON document against the schema name.
func validateDocument(name string, data []byte) error {
	schemas, err := compiledSchemas()
	if err != nil {
		return err
	}
	s, ok := schemas[name]
	if !ok {
		return &schemaMissing{name}
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

type schemaMissing struct{ name string }

func (e *schemaMissing) Error() string { return "no schema named " + e.name }

// documentOf is the name of the document that kvp prints for args on
// stdout, or "" when it prints none (kvp schema prints a schema).
func documentOf(args []string) string {
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(a) {
				i++
			}
			continue
		}
		words = append(words, a)
	}
	path := strings.Join(words, " ")
	switch {
	case len(words) == 0 || words[0] == "schema" || words[0] == "serve":
		return ""
	case strings.HasPrefix(path, "g list"):
		return "g-list"
	case strings.HasPrefix(path, "g import"), strings.HasPrefix(path, "g fetch"):
		return "g-import"
	case strings.HasPrefix(path, "config show"):
		return "parameters"
	case words[0] == "batch" && slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--generate") }):
		return "case"
	case words[0] == "batch":
		return "batch-record"
	case words[0] == "compare" && isCaseload(flagValue(args, "f", "file")):
		return "compare-caseload"
	case words[0] == "regulate" && (isCaseload(flagValue(args, "f", "file")) || flagValue(args, "input-format") != ""):
		return "regulate-caseload"
	}
	return words[0]
}

// flagValue is the value of the first of names given in args (-f x,
// --file=x), or "".
func flagValue(args []string, names ...string) string {
	for i, a := range args {
		for _, n := range names {
			dash := "--"
			if len(n) == 1 {
				dash = "-"
			}
			if v, ok := strings.CutPrefix(a, dash+n+"="); ok {
				return v
			}
			if a == dash+n && i+1 < len(args) {
				return args[i+1]
			}
		}
	}
	return ""
}

// takesValue: the flags of the scripts that take their value as the next
// argument (a bool flag does not).
func takesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "wide", "explain", "summary", "tax", "finnmark", "extended", "interactive", "write", "dry-run", "list", "all", "quiet", "h", "help":
		return false
	}
	return true
}

// checkDocuments validates what one kvp run printed: stdout when it is
// JSON (a batch's every line: records, and the summary line with its
// stamp), and a batch summary on stderr. It returns each problem found.
func checkDocuments(args []string, stdout, stderr []byte) (checked int, problems []string) {
	name := documentOf(args)
	if name == "" {
		return 0, nil
	}
	check := func(name string, doc []byte) {
		checked++
		if err := validateDocument(name, doc); err != nil {
			problems = append(problems, "kvp "+strings.Join(args, " ")+": "+name+": "+err.Error())
		}
	}
	if name == "case" {
		for line := range bytes.Lines(stdout) {
			if line = bytes.TrimSpace(line); len(line) > 0 {
				check("case", line)
			}
		}
		return checked, problems
	}
	if name == "batch-record" {
		for line := range bytes.Lines(stdout) {
			line = bytes.TrimSpace(line)
			if len(line) == 0 || line[0] != '{' {
				continue
			}
			var keys map[string]json.RawMessage
			if json.Unmarshal(line, &keys) != nil {
				continue // not a record: the text of a CSV line
			}
			if _, ok := keys["stamp"]; ok {
				check("batch-summary", line)
			} else {
				check("batch-record", line)
			}
		}
		for line := range bytes.Lines(stderr) {
			for _, label := range []string{"kvp: summary: ", "kvp: sammendrag: "} {
				if rest, ok := bytes.CutPrefix(line, []byte(label)); ok && bytes.HasPrefix(rest, []byte("{")) {
					check("batch-summary", bytes.TrimSpace(rest))
				}
			}
		}
		return checked, problems
	}
	if name == "compare-caseload" { // each line of --records, written by the run
		if path := flagValue(args, "records"); path != "" {
			if b, err := os.ReadFile(path); err == nil {
				for line := range bytes.Lines(b) {
					if line = bytes.TrimSpace(line); len(line) > 0 {
						check("compare-record", line)
					}
				}
			}
		}
	}
	trimmed := bytes.TrimSpace(stdout)
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') || !json.Valid(trimmed) {
		return 0, nil
	}
	check(name, trimmed)
	return checked, problems
}

// TestDocumentOf: the command line's document.
func TestDocumentOf(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"calc", "-f", "x.yaml", "-o", "json"}, "calc"},
		{[]string{"--lang", "nb", "g", "list", "--from", "2020", "-o", "json"}, "g-list"},
		{[]string{"g", "--date", "2026-01-01"}, "g"},
		{[]string{"config", "show", "-o", "json"}, "parameters"},
		{[]string{"batch", "-f", "-", "--summary"}, "batch-record"},
		{[]string{"schema", "calc"}, ""},
		{[]string{"compare", "--scenario", "s.yaml", "--explain"}, "compare"},
		{[]string{"compare", "-f", "cases.jsonl", "--scenario", "s.yaml", "-o", "json"}, "compare-caseload"},
		{[]string{"compare", "--file=cases.csv", "--scenario", "s.yaml", "-o", "json"}, "compare-caseload"},
		{[]string{"regulate", "-f", "case.yaml", "-o", "json"}, "regulate"},
		{[]string{"regulate", "-f", "-", "--input-format", "jsonl", "-o", "json"}, "regulate-caseload"},
		{[]string{"regulate", "-f", "cases.jsonl", "-o", "json"}, "regulate-caseload"},
		{[]string{"recalc", "--paid", "p.json", "-f", "now.yaml", "-o", "json"}, "recalc"},
		{[]string{"curve", "--vary", "g%=-5..5/1", "-o", "json"}, "curve"},
		{[]string{"letter", "--lang", "nb", "-o", "json"}, "letter"},
	} {
		if got := documentOf(c.args); got != c.want {
			t.Errorf("documentOf(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}

// TestSchemaRejectsAnAddedField: a document with a field its schema does
// not have fails, as does one with a required field missing.
func TestSchemaRejectsAnAddedField(t *testing.T) {
	var out bytes.Buffer
	if code := Main([]string{"rates", "--date", "2026-05-01", "-o", "json"}, &IOStreams{In: &bytes.Buffer{}, Out: &out, ErrOut: &bytes.Buffer{}}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if err := validateDocument("rates", out.Bytes()); err != nil {
		t.Fatalf("kvp rates -o json does not validate: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	doc["added"] = 1
	b, _ := json.Marshal(doc)
	if validateDocument("rates", b) == nil {
		t.Error("a document with an added top-level field validates")
	}
	delete(doc, "added")
	delete(doc, "schema_version")
	b, _ = json.Marshal(doc)
	if validateDocument("rates", b) == nil {
		t.Error("a document without schema_version validates")
	}
}

// envSchemaLog names the folder where each kvp run of the testscripts
// records the JSON documents it printed and how they fared against their
// schemas (runCheckedKVP); TestScripts reads it when every script is done.
const envSchemaLog = "KVP_SCHEMA_LOG"

// runCheckedKVP is kvp as the testscripts run it: Main, then every JSON
// document it printed validated against its schema, the outcome written to
// $KVP_SCHEMA_LOG (a failing script must not hide a bad document).
func runCheckedKVP(args []string) int {
	var out, errOut bytes.Buffer
	code := Main(args, &IOStreams{In: os.Stdin, Out: io.MultiWriter(os.Stdout, &out), ErrOut: io.MultiWriter(os.Stderr, &errOut)})
	if dir := os.Getenv(envSchemaLog); dir != "" {
		checked, problems := checkDocuments(args, out.Bytes(), errOut.Bytes())
		if checked > 0 {
			f, err := os.CreateTemp(dir, "run-*.txt")
			if err == nil {
				fmt.Fprintf(f, "%d\n%s", checked, strings.Join(problems, "\n"))
				f.Close()
			}
		}
	}
	return code
}

// schemaCheckLog makes the folder for envSchemaLog and, when the scripts
// are done, fails the test for every document that did not validate, and
// when too few were checked for the hook to be working.
func schemaCheckLog(t *testing.T) string {
	dir := t.TempDir()
	t.Cleanup(func() {
		files, _ := filepath.Glob(filepath.Join(dir, "run-*.txt"))
		total := 0
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Error(err)
				continue
			}
			n, rest, _ := strings.Cut(string(b), "\n")
			k, _ := strconv.Atoi(n)
			total += k
			if rest != "" {
				t.Errorf("JSON document not valid against its schema:\n%s", rest)
			}
		}
		if scriptFilter() == "" && total < 100 { // the whole suite prints some 300

			t.Errorf("only %d JSON documents of the testscripts were checked against their schemas", total)
		}
		t.Logf("%d JSON documents of the testscripts validated against their schemas", total)
	})
	return dir
}

// scriptFilter is the -run pattern below TestScripts, if any: a run of one
// script may print no JSON at all.
func scriptFilter() string {
	if f := flag.Lookup("test.run"); f != nil {
		if _, sub, ok := strings.Cut(f.Value.String(), "/"); ok {
			return sub
		}
	}
	return ""
}

// TestSchemaEmbeddedPointer: a caseload record is either an error record
// (line, error) or one with every figure; a record with some of the
// figures and not the others is refused.
func TestSchemaEmbeddedPointer(t *testing.T) {
	full := `{"line":1,"under_25":false,"with_children":false,"net_baseline":"1.00","net_scenario":"2.00","net_change":"1.00","tax_years":[],"net_after_tax_baseline":null,"net_after_tax_scenario":null,"net_after_tax_change":null,"tax_years_left_out":[]}`
	for _, c := range []struct {
		doc   string
		valid bool
	}{
		{`{"line":2,"error":"birth_date: required"}`, true},
		{full, true},
		{`{"line":1,"net_baseline":"1.00"}`, false},
		{strings.Replace(full, `"tax_years":[],`, "", 1), false},
	} {
		err := validateDocument("compare-record", []byte(c.doc))
		if (err == nil) != c.valid {
			t.Errorf("%s: valid %v, want %v (%v)", c.doc, err == nil, c.valid, err)
		}
	}
}
