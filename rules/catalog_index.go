package rules

import (
	_ "embed"
	"encoding/json"
	"sort"
	"strings"
	"sync"
)

// The catalogue is looked up, not decoded: decoding both files with
// encoding/json was most of the work of a one-case command (issue 19). A
// catalogue file holds one "key": "text" pair a line, sorted by key
// (TestCatalogFormat), so a language's file is indexed by its lines on first
// use and a text found by binary search; only the languages a run renders
// are read. A file in any other shape is decoded with encoding/json
// instead, so the lookup never depends on the layout for its answers.

// catalogIndex is one language's catalogue.
type catalogIndex struct {
	data    string         // the file
	entries []catalogEntry // sorted by key
	texts   map[string]string
}

// catalogEntry is one line: data[key:keyEnd] is the key and
// data[text:textEnd] the text, both without escapes.
type catalogEntry struct{ key, keyEnd, text, textEnd int32 }

// newCatalogIndex indexes a catalogue file's lines; a file not in the
// one-pair-a-line shape, sorted and without escapes, is decoded whole.
func newCatalogIndex(data string) (*catalogIndex, error) {
	x := &catalogIndex{data: data}
	if x.indexLines() {
		return x, nil
	}
	x.entries = nil
	x.texts = map[string]string{}
	if err := json.Unmarshal([]byte(data), &x.texts); err != nil {
		return nil, err
	}
	return x, nil
}

// indexLines fills x.entries; false when a line is not `"key": "text"`
// (with a comma but on the last), the keys are not strictly increasing, or
// a key or text holds an escape.
func (x *catalogIndex) indexLines() bool {
	s := x.data
	if !strings.HasPrefix(s, "{\n") || !strings.HasSuffix(strings.TrimRight(s, "\n"), "\n}") {
		return false
	}
	x.entries = make([]catalogEntry, 0, strings.Count(s, "\n"))
	at := len("{\n")
	end := len(strings.TrimRight(s, "\n")) - len("}")
	prev := ""
	for at < end {
		n := strings.IndexByte(s[at:end], '\n')
		if n < 0 {
			return false
		}
		line := s[at : at+n]
		comma := len(line) > 0 && line[len(line)-1] == ','
		if comma {
			line = line[:len(line)-1]
		}
		if comma == (at+n+1 == end) { // a comma after every pair but the last
			return false
		}
		// ` "key": "text"`: four quotes, the key's closing one followed by
		// `: "`, the last one ending the line, no backslash.
		if len(line) < len(` "": ""`) || line[0] != ' ' || line[1] != '"' || line[len(line)-1] != '"' ||
			strings.IndexByte(line, '\\') >= 0 {
			return false
		}
		k := 2 + strings.IndexByte(line[2:], '"')
		if k < 2 || k+5 > len(line) || !strings.HasPrefix(line[k:], `": "`) || strings.IndexByte(line[k+4:], '"') != len(line)-k-5 {
			return false
		}
		key := line[2:k]
		if key <= prev && len(x.entries) > 0 {
			return false
		}
		prev = key
		base := int32(at)
		x.entries = append(x.entries, catalogEntry{key: base + 2, keyEnd: base + int32(k), text: base + int32(k) + 4, textEnd: base + int32(len(line)) - 1})
		at += n + 1
	}
	return len(x.entries) > 0
}

func (x *catalogIndex) lookup(code string) (string, bool) {
	if x.texts != nil {
		t, ok := x.texts[code]
		return t, ok
	}
	i := sort.Search(len(x.entries), func(i int) bool { e := x.entries[i]; return x.data[e.key:e.keyEnd] >= code })
	if i == len(x.entries) {
		return "", false
	}
	if e := x.entries[i]; x.data[e.key:e.keyEnd] == code {
		return x.data[e.text:e.textEnd], true
	}
	return "", false
}

// The catalogue files as strings, so that indexing one copies nothing
// (embed.FS.ReadFile copies the file; its bytes and a string of them were
// half of a one-case command's allocations, issue 19). A file not listed
// here is read from catalogFiles all the same; TestCatalogEmbedded keeps
// the list complete.
var (
	//go:embed catalog/en.json
	catalogEN string
	//go:embed catalog/nb.json
	catalogNB string
	//go:embed catalog/nn.json
	catalogNN string

	catalogStrings = map[string]*string{"en.json": &catalogEN, "nb.json": &catalogNB, "nn.json": &catalogNN}
)

// catalogIndexes are the catalogue's languages, each indexed on first use.
var catalogIndexes = sync.OnceValue(func() map[string]func() *catalogIndex {
	entries, err := catalogFiles.ReadDir("catalog")
	if err != nil {
		panic(err)
	}
	out := map[string]func() *catalogIndex{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".json") {
			continue
		}
		out[strings.TrimSuffix(name, ".json")] = sync.OnceValue(func() *catalogIndex {
			x, err := newCatalogIndex(catalogFile(name))
			if err != nil {
				panic("rules: catalog/" + name + ": " + err.Error())
			}
			return x
		})
	}
	return out
})

// catalogFile is the text of catalog/name.
func catalogFile(name string) string {
	if s, ok := catalogStrings[name]; ok {
		return *s
	}
	b, err := catalogFiles.ReadFile("catalog/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// CatalogText is the text of code in lang, as Catalog()[lang][code] is, and
// whether there is one; it reads only lang's file.
func CatalogText(lang, code string) (string, bool) {
	index, ok := catalogIndexes()[lang]
	if !ok {
		return "", false
	}
	return index().lookup(code)
}

// HasCatalog reports whether the catalogue has a file for lang, as
// Catalog()[lang] would, without reading any file.
func HasCatalog(lang string) bool {
	_, ok := catalogIndexes()[lang]
	return ok
}
