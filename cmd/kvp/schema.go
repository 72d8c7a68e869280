package main

import (
	"bytes"
	"embed"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config/caseinput"
	"kvp/rules"
)

// document is one JSON document kvp prints: its schema's name (kvp schema
// NAME, cmd/kvp/schema/NAME.json) and a value of the Go type it is
// marshalled from. A new command's document is one more entry here, and
// `go test ./cmd/kvp -run TestSchemasUpToDate -update` writes its file.
type document struct {
	Name  string
	Title string // the command that prints it
	Type  any
}

// documents are every JSON document kvp prints, in the order kvp schema
// --list shows them.
var documents = []document{
	{"calc", "kvp calc -o json", calcDoc{}},
	{"check", "kvp check -o json", checkDoc{}},
	{"period", "kvp period -o json", periodDoc{}},
	{"tax", "kvp tax -o json", taxDoc{}},
	{"rates", "kvp rates -o json", ratesDoc{}},
	{"g", "kvp g -o json", gInfo{}},
	{"g-list", "kvp g list -o json", gList{}},
	{"g-import", "kvp g import, kvp g fetch -o json", gImport{}},
	{"compare", "kvp compare -o json", compareDoc{}},
	{"compare-caseload", "kvp compare -f cases.jsonl -o json: a caseload's summary", caseloadDoc{}},
	{"compare-record", "kvp compare -f cases.jsonl --records FILE: one JSON line per case", caseloadRecord{}},
	{"batch-record", "kvp batch: one JSON line per case", batchRecord{}},
	{"batch-summary", "kvp batch --summary: the last line", batchSummary{}},
	{"regulate", "kvp regulate -o json", regulateDoc{}},
	{"regulate-caseload", "kvp regulate -f cases.jsonl -o json", regulateCaseload{}},
	{"recalc", "kvp recalc -o json", recalcDoc{}},
	{"curve", "kvp curve -o json", curveDoc{}},
	{"letter", "kvp letter -o json", letterDoc{}},
	{"parameters", "kvp config show -o json", configDoc{}},
	{"version", "kvp version -o json", versionInfo{}},
	{"error", "kvp serve: the body of a request that cannot be served", apiError{}},
	{"case", "a case file in JSON (kvp batch --generate: one a line)", caseinput.Case{}},
}

// schemaFiles are the generated schemas, kept in the repository so that a
// change to a document shows in review (TestSchemasUpToDate).
//
//go:embed schema/*.json
var schemaFiles embed.FS

// schemaURI is the base of every schema's $id.
const schemaURI = "https://kvp.invalid/schema/"

// documentNamed is the document called name.
func documentNamed(name string) (document, bool) {
	i := slices.IndexFunc(documents, func(d document) bool { return d.Name == name })
	if i < 0 {
		return document{}, false
	}
	return documents[i], true
}

// committedSchema is the schema file of document name, as embedded.
func committedSchema(name string) ([]byte, error) {
	return schemaFiles.ReadFile("schema/" + name + ".json")
}

var errUnknownSchema = rules.NewCode("err.usage.unknown_schema", "name", "names")

func newSchemaCmd(a *app) *cobra.Command {
	var list bool
	cmd := &cobra.Command{
		Use:   "schema [NAME]",
		Short: "Print the JSON Schema of a JSON document kvp prints",
		Long: `Print the JSON Schema (draft 2020-12) of one of the JSON documents kvp
prints, generated from the Go types they are marshalled from. Every object
is closed (additionalProperties: false), so a client that validates against
the schema notices a field that was added. --list shows the names and the
command each document comes from. The same schemas are in the OpenAPI
document of kvp serve (GET /openapi.json).` + exitStatusSection,
		Example: `  kvp schema --list
  kvp schema calc
  kvp calc -f examples/case-basic.yaml -o json > calc.json && kvp schema calc > calc.schema.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf(errNoArguments, cmd.CommandPath(), rules.Quote(args[1]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			out := a.io.Out
			if list || len(args) == 0 {
				for _, d := range documents {
					fmt.Fprintf(out, "%-14s %s\n", d.Name, d.Title)
				}
				return nil
			}
			b, err := committedSchema(args[0])
			if _, known := documentNamed(args[0]); !known || err != nil {
				names := make([]string, len(documents))
				for i, d := range documents {
					names[i] = d.Name
				}
				return usageErrorf(errUnknownSchema, rules.Quote(args[0]), strings.Join(names, ", "))
			}
			_, err = out.Write(b)
			return err
		},
	}
	cmd.Flags().BoolVar(&list, "list", false, "list the documents that have a schema")
	return cmd
}

// generateSchema is the JSON Schema of d, as the file under schema/ holds it.
func generateSchema(d document) ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}, marshalled: marshalledSchemas()}
	root, err := g.schema(reflect.TypeOf(d.Type))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", d.Name, err)
	}
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         schemaURI + d.Name + ".json",
		"title":       d.Title,
		"description": fmt.Sprintf("The JSON document of %s (schema_version %d where it has one).", d.Title, schemaVersion),
	}
	for k, v := range root {
		s[k] = v
	}
	if len(g.defs) > 0 {
		s["$defs"] = g.defs
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// schemaGen reflects Go types into JSON Schema the way encoding/json
// marshals them: named structs go to $defs, embedded structs are inlined,
// omitempty and omitzero fields are optional, and a pointer that is not
// omitted may be null. A type with its own MarshalJSON must have its schema
// in marshalledSchemas: the generator refuses to guess.
type schemaGen struct {
	defs       map[string]any
	marshalled map[reflect.Type]func(g *schemaGen) (map[string]any, error)
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// The schemas of the values written by hand-written marshalers, or as text
// with a fixed form. A mirror struct stands for a MarshalJSON that writes an
// anonymous struct, so that its fields are reflected like any other.
func marshalledSchemas() map[reflect.Type]func(g *schemaGen) (map[string]any, error) {
	return map[reflect.Type]func(g *schemaGen) (map[string]any, error){
		reflect.TypeFor[calc.Money](): fixedSchema(map[string]any{"type": "string", "pattern": `^-?[0-9]+\.[0-9]{2}$`,
			"description": "an amount in kroner with two decimals"}),
		reflect.TypeFor[rules.Date]():       fixedSchema(map[string]any{"type": "string", "pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`}),
		reflect.TypeFor[calc.YearMonth]():   fixedSchema(map[string]any{"type": "string", "pattern": `^[0-9]{4}-[0-9]{2}$`}),
		reflect.TypeFor[decimal.Decimal]():  fixedSchema(map[string]any{"type": "string", "pattern": `^-?[0-9]+(\.[0-9]+)?$`}),
		reflect.TypeFor[caseinput.Number](): fixedSchema(map[string]any{"type": "string", "pattern": `^-?[0-9]+(\.[0-9]+)?$`}),
		reflect.TypeFor[rules.Inputs](): fixedSchema(map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
			"description": "the values the formula names, in its order"}),
		reflect.TypeFor[caseinput.ID]():      fixedSchema(map[string]any{"type": []string{"string", "number"}}),
		reflect.TypeFor[rules.Message]():     func(*schemaGen) (map[string]any, error) { return messageSchema(false), nil },
		reflect.TypeFor[rules.Warning]():     func(*schemaGen) (map[string]any, error) { return messageSchema(true), nil },
		reflect.TypeFor[json.RawMessage]():   fixedSchema(map[string]any{"description": "any JSON value, as it was given"}),
		reflect.TypeFor[calc.TaxBreakdown](): mirror[taxBreakdownJSON](),
		reflect.TypeFor[rules.Finding]():     mirror[findingJSON](),
	}
}

func fixedSchema(s map[string]any) func(*schemaGen) (map[string]any, error) {
	return func(*schemaGen) (map[string]any, error) { return s, nil }
}

func mirror[T any]() func(*schemaGen) (map[string]any, error) {
	return func(g *schemaGen) (map[string]any, error) { return g.object(reflect.TypeFor[T]()) }
}

// messageSchema is rules.Message's JSON: code, arguments and English text;
// a warning adds its legal reference.
func messageSchema(warning bool) map[string]any {
	props := map[string]any{
		"code": map[string]any{"type": "string"},
		"args": map[string]any{"type": "object"},
		"text": map[string]any{"type": "string"},
	}
	required := []string{"code", "args", "text"}
	if warning {
		props["legal_reference"] = map[string]any{"type": "string"}
		required = append(required, "legal_reference")
	}
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

// taxBreakdownJSON mirrors calc.TaxBreakdown.MarshalJSON.
type taxBreakdownJSON struct {
	Year                 int        `json:"year"`
	PersonalIncome       calc.Money `json:"personal_income"`
	Trygdeavgift         calc.Money `json:"trygdeavgift"`
	TrygdeavgiftRateKind string     `json:"trygdeavgift_rate_kind"`
	AgeInIncomeYear      *int       `json:"age_in_income_year,omitempty"`
	MinimumDeduction     calc.Money `json:"minimum_deduction"`
	OrdinaryIncome       calc.Money `json:"ordinary_income"`
	OrdinaryIncomeAfter  calc.Money `json:"ordinary_income_after_finnmark_allowance"`
	PersonalAllowance    calc.Money `json:"personal_allowance"`
	TaxOnOrdinaryIncome  calc.Money `json:"tax_on_ordinary_income"`
	StepTax              calc.Money `json:"step_tax"`
	FinnmarkAllowance    calc.Money `json:"finnmark_allowance"`
	TotalTax             calc.Money `json:"total_tax"`
	AverageRate          string     `json:"average_rate"`
	Net                  calc.Money `json:"net"`
	NetPerMonth          calc.Money `json:"net_per_month"`
	Months               int        `json:"months"`
	PensionBase          calc.Money `json:"pension_base"`
	PensionEarning       calc.Money `json:"pension_earning"`
}

// findingJSON mirrors rules.Finding.MarshalJSON.
type findingJSON struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Ref        string         `json:"ref"`
	Result     rules.Outcome  `json:"result"`
	Reason     string         `json:"reason"`
	ReasonCode string         `json:"reason_code"`
	ReasonArgs map[string]any `json:"reason_args"` // the code's arguments
	Missing    []string       `json:"missing"`
}

// defName names t in $defs: "calc.Result".
func defName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndexByte(pkg, '/'); i >= 0 {
		pkg = pkg[i+1:]
	}
	return pkg + "." + t.Name()
}

func (g *schemaGen) schema(t reflect.Type) (map[string]any, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if f, ok := g.marshalled[t]; ok {
		return f(g)
	}
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) {
		return nil, fmt.Errorf("%s has its own MarshalJSON: give its schema in marshalledSchemas", t)
	}
	if t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return map[string]any{"type": "string"}, nil
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}, nil
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}, nil
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}, nil
	case reflect.Slice, reflect.Array:
		items, err := g.schema(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "array", "items": items}, nil
	case reflect.Map:
		values, err := g.schema(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "object", "additionalProperties": values}, nil
	case reflect.Interface:
		return map[string]any{}, nil
	case reflect.Struct:
		if t.Name() == "" || t.PkgPath() == "" || t.NumField() == 0 {
			return g.object(t)
		}
		name := defName(t)
		if _, done := g.defs[name]; !done {
			g.defs[name] = nil // a type that refers to itself
			s, err := g.object(t)
			if err != nil {
				return nil, err
			}
			g.defs[name] = s
		}
		return map[string]any{"$ref": "#/$defs/" + name}, nil
	}
	return nil, fmt.Errorf("%s: no JSON Schema for kind %s", t, t.Kind())
}

// object is a struct's schema: its exported fields and those of its
// embedded structs, closed to any other.
func (g *schemaGen) object(t reflect.Type) (map[string]any, error) {
	props := map[string]any{}
	var required []string
	var together [][]string
	if err := g.fields(t, props, &required, &together); err != nil {
		return nil, err
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	dependent := map[string]any{}
	for _, names := range together { // any of them needs the first, the first needs every one
		for i, n := range names {
			if i == 0 && len(names) > 1 {
				dependent[n] = names[1:]
			} else if i > 0 {
				dependent[n] = names[:1]
			}
		}
	}
	if len(dependent) > 0 {
		s["dependentRequired"] = dependent
	}
	return s, nil
}

// fields adds t's fields to props, the names that must be present to
// required. encoding/json leaves the fields of an embedded pointer out
// when it is nil; one tagged `json:",omitempty"` may be nil (the figures of
// caseloadRecord, absent on an error record), so its fields are required
// together, a group of together, rather than always.
func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string, together *[][]string) error {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct && !et.Implements(jsonMarshaler) {
				if f.Type.Kind() != reflect.Pointer || !strings.Contains(opts, "omitempty") {
					if err := g.fields(et, props, required, together); err != nil {
						return err
					}
					continue
				}
				var group []string
				if err := g.fields(et, props, &group, together); err != nil {
					return err
				}
				*together = append(*together, group)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s, err := g.schema(f.Type)
		if err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		if name == "schema_version" && f.Type.Kind() == reflect.Int {
			// Every document writes the one constant: a document that
			// forgot to set it (a 0) fails its schema.
			s = map[string]any{"type": "integer", "const": schemaVersion}
		}
		optional := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		if f.Type.Kind() == reflect.Pointer && !optional {
			s = map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
		}
		props[name] = s
		if !optional {
			*required = append(*required, name)
		}
	}
	return nil
}

// documentSchemas are the committed schemas by name, parsed, for the
// OpenAPI document.
func documentSchemas() (map[string]any, error) {
	out := map[string]any{}
	for _, d := range documents {
		b, err := committedSchema(d.Name)
		if err != nil {
			return nil, err
		}
		var s any
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("schema %s: %w", d.Name, err)
		}
		out[d.Name] = s
	}
	return out, nil
}
