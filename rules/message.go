package rules

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Message is something kvp says to a person, as a code and its arguments:
// the domain decides what is said, the catalogue (catalog/*.json, one file
// per language) how it is worded. Arguments are values, never translated
// text: a date is written by the language's date format when the message is
// rendered, a path or a key stays as the user wrote it.
type Message struct {
	Code string
	Args []Arg
}

// Arg is one named argument of a Message, in the order the code declares.
type Arg struct {
	Name  string
	Value any
}

// Days is a number of days, written "1 day", "3 days" ("1 dag", "3 dager").
type Days int

// Code is a message code and the names of its arguments. Codes are declared
// once, as package variables, with NewCode; the catalogue test walks them.
type Code struct {
	ID   string
	Args []string
}

// declared holds every code in the order declared: NewCode runs about 800
// times before main (package variables), so it only appends; the check for
// a code declared twice runs when Codes is first called (the catalogue
// test calls it), not on every start (issue 19).
var (
	codesMu  sync.Mutex
	declared = make([]Code, 0, 1024)
)

// NewCode declares a message code with its arguments' names. Declaring a
// code twice is a programming error: Codes panics on it.
func NewCode(id string, args ...string) Code {
	c := Code{ID: id, Args: args}
	codesMu.Lock()
	declared = append(declared, c)
	codesMu.Unlock()
	return c
}

// Codes are every code declared so far (by the packages linked in), sorted.
// A code declared twice panics.
func Codes() []Code {
	codesMu.Lock()
	out := slices.Clone(declared)
	codesMu.Unlock()
	return sortCodes(out)
}

// sortCodes sorts list by ID and panics on an ID it holds twice.
func sortCodes(list []Code) []Code {
	slices.SortFunc(list, func(a, b Code) int { return strings.Compare(a.ID, b.ID) })
	for i := 1; i < len(list); i++ {
		if list[i].ID == list[i-1].ID {
			panic("rules: message code declared twice: " + list[i].ID)
		}
	}
	return list
}

// M is the message of c with the given argument values, in the order of
// c.Args. A wrong number of values is a programming error and panics.
func (c Code) M(values ...any) Message {
	if len(values) != len(c.Args) {
		panic(fmt.Sprintf("rules: message %s takes %d arguments, got %d", c.ID, len(c.Args), len(values)))
	}
	m := Message{Code: c.ID}
	if len(values) > 0 {
		m.Args = make([]Arg, len(values))
		for i, v := range values {
			m.Args[i] = Arg{Name: c.Args[i], Value: v}
		}
	}
	return m
}

// Arg is the value of m's argument name, if m has it.
func (m Message) Arg(name string) (any, bool) {
	for _, a := range m.Args {
		if a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}

// With is m with its argument name set to v.
func (m Message) With(name string, v any) Message {
	args := slices.Clone(m.Args)
	for i := range args {
		if args[i].Name == name {
			args[i].Value = v
		}
	}
	m.Args = args
	return m
}

// T is the text of a code without arguments in lang: a label or a word.
func (c Code) T(lang string) string { return c.M().Text(lang) }

// Languages of the catalogue: English, the language of the JSON texts, and
// Norwegian in its two written standards, bokmål and nynorsk.
const (
	LangEN = "en"
	LangNB = "nb"
	LangNN = "nn"
)

// Languages are the catalogue's languages, in the order kvp lists them.
var Languages = []string{LangNB, LangNN, LangEN}

// Norwegian reports whether lang is bokmål or nynorsk: both write numbers
// "1 234,5" and dates "01.05.2026".
func Norwegian(lang string) bool { return lang == LangNB || lang == LangNN }

//go:embed catalog/*.json
var catalogFiles embed.FS

// Catalog is the text of every code in every language: Catalog()["nb"]["warn.past_limit"].
var Catalog = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{}
	entries, err := catalogFiles.ReadDir("catalog")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := catalogFiles.ReadFile("catalog/" + e.Name())
		if err != nil {
			panic(err)
		}
		texts := map[string]string{}
		if err := json.Unmarshal(b, &texts); err != nil {
			panic("rules: catalog/" + e.Name() + ": " + err.Error())
		}
		out[strings.TrimSuffix(e.Name(), path.Ext(e.Name()))] = texts
	}
	return out
})

// Text renders m in lang: its code's text with each {name} replaced by the
// argument's value written the language's way. A text missing in lang falls
// back to English, and a code with no text at all shows as the code.
func (m Message) Text(lang string) string {
	text, ok := CatalogText(lang, m.Code)
	if !ok {
		if text, ok = CatalogText(LangEN, m.Code); !ok {
			return m.Code
		}
	}
	if !strings.Contains(text, "{") {
		return text
	}
	return ExpandBraces(text, func(name string) (string, bool) {
		if k := slices.IndexFunc(m.Args, func(a Arg) bool { return a.Name == name }); k >= 0 {
			return FormatValue(m.Args[k].Value, lang), true
		}
		return "", false
	})
}

// ExpandBraces writes text with each {name} replaced by value(name); a name
// value does not know stays as it is written. Catalogue texts and step
// formulas name their arguments this way.
func ExpandBraces(text string, value func(name string) (string, bool)) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(text[:i])
		if v, ok := value(text[i+1 : i+j]); ok {
			b.WriteString(v)
		} else {
			b.WriteString(text[i : i+j+1])
		}
		text = text[i+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

// String is the English text.
func (m Message) String() string { return m.Text(LangEN) }

// Localized is a value that writes itself in a language (calc.Money).
type Localized interface {
	Text(lang string) string
}

// Items are messages written as a list in a sentence: "aap in full, other
// partly, 12000 a year" (a []Message is written "; " between).
type Items []Message

var (
	codeDay   = NewCode("unit.day", "n")
	codeDays  = NewCode("unit.days", "n")
	codeList  = NewCode("list.separator")
	codeItems = NewCode("list.items_separator")
)

// dateNB writes a date the Norwegian way: 01.05.2026.
func dateNB(d Date) string {
	s := d.String()
	if len(s) != 10 {
		return s
	}
	return s[8:10] + "." + s[5:7] + "." + s[0:4]
}

// periodNB writes a period the Norwegian way: 05.01.2026–04.01.2027.
func periodNB(p Period) string { return dateNB(p.From) + "–" + dateNB(p.To) }

// amountNB writes kroner the Norwegian way: 20 000, 1 234,5.
func amountNB(d decimal.Decimal) string { return GroupDigits(d.String(), ",") }

// FormatValue writes an argument value in lang: dates 2026-05-01 or
// 01.05.2026, periods FROM..TO or FROM–TO, numbers 1234.5 or 1 234,5.
// Strings are written as they are.
func FormatValue(v any, lang string) string {
	nb := Norwegian(lang)
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case Days:
		if v == 1 || v == -1 {
			return codeDay.M(int(v)).Text(lang)
		}
		return codeDays.M(int(v)).Text(lang)
	case Date:
		if nb {
			return dateNB(v)
		}
		return v.String()
	case Period:
		if nb {
			return periodNB(v)
		}
		return v.String()
	case Interruption:
		if nb {
			return v.nb()
		}
		return v.String()
	case decimal.Decimal:
		if nb {
			return amountNB(v)
		}
		return v.String()
	case Message:
		return v.Text(lang)
	case error:
		return ErrorText(v, lang)
	case []Message:
		parts := make([]string, len(v))
		for i, m := range v {
			parts[i] = m.Text(lang)
		}
		return strings.Join(parts, codeList.T(lang))
	case Items:
		parts := make([]string, len(v))
		for i, m := range v {
			parts[i] = m.Text(lang)
		}
		return strings.Join(parts, codeItems.T(lang))
	case Localized:
		return v.Text(lang)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// MarshalJSON writes m as {"code", "args", "text"}: the code and arguments
// a script matches on, and the English text. The same in every language.
func (m Message) MarshalJSON() ([]byte, error) { return m.AppendJSON(nil) }

// argsJSON writes the arguments as an object in their declared order.
func (m Message) argsJSON() ([]byte, error) { return m.appendArgs(nil) }

// Warning is something a caseworker should look at; it does not stop the
// calculation or the evaluation. In JSON: {"code", "args", "text",
// "legal_reference"}.
type Warning struct {
	Message
	Ref string
}

// Warn is the warning m with its legal reference (or "").
func Warn(m Message, ref string) Warning { return Warning{Message: m, Ref: ref} }

// MarshalJSON writes w as its message's object with "legal_reference" added.
func (w Warning) MarshalJSON() ([]byte, error) { return w.AppendJSON(nil) }

// Placeholders are the {name}s of a catalogue text, sorted, each once.
func Placeholders(text string) []string {
	var out []string
	ExpandBraces(text, func(name string) (string, bool) {
		out = append(out, name)
		return "", true
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// Error is a domain error as a message: Error is its English text, and a
// command writes it in the output language from Msg (ErrorText).
type Error struct{ Message }

// Errorf is the error saying c with the given argument values.
func Errorf(c Code, values ...any) error { return &Error{c.M(values...)} }

func (e *Error) Error() string { return e.Message.String() }

// Msg is the message of e.
func (e *Error) Msg() Message { return e.Message }

// Unwrap is the errors among e's arguments: a code that wraps an error
// ("case file: {err}") keeps it reachable for errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	var out []error
	for _, a := range e.Args {
		if err, ok := a.Value.(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// codeErr is an error as a message: its text, in the language asked for.
var codeErr = NewCode("err.error", "err")

// ErrorMessage is err as a message (a coded error's own message, else one
// that writes err by ErrorText), to put into another message.
func ErrorMessage(err error) Message {
	if c, ok := err.(Coded); ok {
		return c.Msg()
	}
	return codeErr.M(err)
}

// Coded is an error that says itself as a message (*Error,
// *MissingTaxYearError, *MissingTaxParamError).
type Coded interface {
	error
	Msg() Message
}

// ErrorText writes err in lang: each coded error in err's tree by its
// message, and what wraps it ("from: …", a file name, "line 3: …") as it
// is, since that is the caller's words around it. An error with no coded
// error in its tree is its Error text.
func ErrorText(err error, lang string) string {
	if err == nil {
		return ""
	}
	if c, ok := err.(Coded); ok {
		return c.Msg().Text(lang)
	}
	text := err.Error()
	if lang == LangEN {
		return text
	}
	if pe, ok := err.(*fs.PathError); ok {
		return pathErrorText(pe, lang)
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if in := u.Unwrap(); in != nil {
			if i := strings.LastIndex(text, in.Error()); i >= 0 {
				return text[:i] + ErrorText(in, lang) + text[i+len(in.Error()):]
			}
		}
	case interface{ Unwrap() []error }:
		var b strings.Builder
		for _, in := range u.Unwrap() {
			if in == nil {
				continue
			}
			i := strings.Index(text, in.Error())
			if i < 0 {
				continue
			}
			b.WriteString(text[:i])
			b.WriteString(ErrorText(in, lang))
			text = text[i+len(in.Error()):]
		}
		b.WriteString(text)
		return b.String()
	}
	return text
}

// The words of a file error (*fs.PathError): the operation and the common
// reasons. The path is the user's and is written as it is; a reason not
// known here is the system's text.
var (
	codePathError = NewCode("err.fs.path", "op", "path", "reason")
	fsOps         = map[string]Code{
		"open":  NewCode("err.fs.op.open"),
		"read":  NewCode("err.fs.op.read"),
		"write": NewCode("err.fs.op.write"),
		"stat":  NewCode("err.fs.op.stat"),
		"lstat": NewCode("err.fs.op.lstat"),
	}
	codeNotExist   = NewCode("err.fs.not_exist")
	codePermission = NewCode("err.fs.permission")
	codeExist      = NewCode("err.fs.exist")
)

// pathErrorText writes "open case.yaml: no such file or directory" in lang.
func pathErrorText(pe *fs.PathError, lang string) string {
	op := pe.Op
	if c, ok := fsOps[op]; ok {
		op = c.T(lang)
	}
	reason := ErrorText(pe.Err, lang)
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		reason = codeNotExist.T(lang)
	case errors.Is(pe.Err, fs.ErrPermission):
		reason = codePermission.T(lang)
	case errors.Is(pe.Err, fs.ErrExist):
		reason = codeExist.T(lang)
	}
	return codePathError.M(op, pe.Path, reason).Text(lang)
}
