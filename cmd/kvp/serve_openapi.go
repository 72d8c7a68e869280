package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// openAPIDocument is GET /openapi.json: OpenAPI 3.1, its components the
// schemas of kvp schema, its paths the endpoints table with each
// endpoint's offered flags as query parameters.
func openAPIDocument(allowed map[string]map[string]*pflag.Flag) ([]byte, error) {
	schemas, err := documentSchemas()
	if err != nil {
		return nil, err
	}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	errorResponse := func(what string) map[string]any {
		return map[string]any{"description": what, "content": map[string]any{"application/json": map[string]any{"schema": ref("error")}}}
	}
	paths := map[string]any{}
	for _, e := range endpoints {
		flags := allowed[e.Path]
		var params []any
		for _, name := range slices.Sorted(maps.Keys(flags)) {
			f := flags[name]
			params = append(params, map[string]any{
				"name": name, "in": "query", "required": false,
				"description": f.Usage, "schema": flagSchema(f),
			})
		}
		op := map[string]any{
			"operationId": strings.Join(e.Words, "-"),
			"summary":     e.Summary,
			"responses": map[string]any{
				"200": map[string]any{"description": "what kvp " + strings.Join(e.Words, " ") + " -o json prints",
					"content": map[string]any{"application/json": map[string]any{"schema": ref(e.Schema)}}},
				"400": errorResponse("bad input: the field says which"),
				"405": errorResponse("another method"),
			},
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		responses := op["responses"].(map[string]any)
		switch e.Body {
		case bodyCase:
			op["requestBody"] = map[string]any{"required": true, "description": "the case, with the keys of a case file",
				"content": map[string]any{"application/json": map[string]any{"schema": ref("case")}}}
			responses["413"] = errorResponse("the body is larger than 1 MiB")
			responses["415"] = errorResponse("the body is not application/json")
		case bodyFlags:
			props := map[string]any{}
			for name, f := range flags {
				props[strings.ReplaceAll(name, "-", "_")] = flagSchema(f)
			}
			op["requestBody"] = map[string]any{"required": false, "description": "the flags as an object (or in the query)",
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
					"type": "object", "properties": props, "additionalProperties": false}}}}
			responses["413"] = errorResponse("the body is larger than 1 MiB")
			responses["415"] = errorResponse("the body is not application/json")
		case bodyRecalc:
			op["requestBody"] = map[string]any{"required": true, "description": "what was paid and the case now",
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
					"type": "object", "required": []string{"paid", "case"}, "additionalProperties": false,
					"properties": map[string]any{
						"paid": map[string]any{"type": "object", "description": "what was paid: a kvp calc -o json document " +
							"(#/components/schemas/calc; one of another kvp version is read too); the answer's paid.path is \"paid\""},
						"case": ref("case"),
					}}}}}
			responses["413"] = errorResponse("the body is larger than 1 MiB")
			responses["415"] = errorResponse("the body is not application/json")
		case bodyJSONL:
			op["requestBody"] = map[string]any{"required": true, "description": "JSON lines, each a case (the case schema)",
				"content": map[string]any{"application/x-ndjson": map[string]any{"schema": ref("case")}}}
			responses["200"] = map[string]any{"description": "one record a line, as kvp batch prints them; the summary last with summary=true",
				"content": map[string]any{"application/x-ndjson": map[string]any{"schema": ref("batch-record")}}}
			responses["413"] = errorResponse("the body is larger than --batch-limit")
			responses["415"] = errorResponse("the body is not JSON lines")
		}
		if formats, ok := formatEndpoints[e.Path]; ok {
			op["parameters"] = append(params, map[string]any{
				"name": "format", "in": "query", "required": false,
				"description": "what to answer: " + strings.Join(formats, ", ") + " (the default is " + formats[0] + ")",
				"schema":      map[string]any{"type": "string", "enum": formats},
			})
			content := responses["200"].(map[string]any)["content"].(map[string]any)
			for _, f := range formats[1:] {
				mt, _, _ := strings.Cut(mediaTypes[f], ";")
				content[mt] = map[string]any{"schema": map[string]any{"type": "string"}}
			}
		}
		paths[e.Path] = map[string]any{strings.ToLower(e.Method): op}
	}
	paths["/healthz"] = map[string]any{"get": map[string]any{"operationId": "healthz", "summary": "the server is up",
		"responses": map[string]any{"200": map[string]any{"description": `{"status":"ok"}`}}}}
	doc := map[string]any{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
		"info": map[string]any{"title": "kvp", "version": toolVersion(),
			"description": "Norway's qualification benefit (kvalifiseringsstønad) as computed by the kvp command line: each endpoint answers what the command of its name prints with -o json."},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err = enc.Encode(doc)
	return b.Bytes(), err
}

// flagSchema is a query parameter's schema by the flag's type.
func flagSchema(f *pflag.Flag) map[string]any {
	switch f.Value.Type() {
	case "bool":
		return map[string]any{"type": "boolean"}
	case "int", "int64", "uint64":
		return map[string]any{"type": "integer"}
	case "stringArray", "stringSlice":
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	}
	return map[string]any{"type": "string"}
}
