package letter

import (
	"encoding/json"

	"kvp/rules"
)

// DocumentJSON is a letter as JSON: its sections, each sentence with its
// code, arguments, text in the language asked for (unlike every other JSON
// document of kvp), figures, steps and references.
type DocumentJSON struct {
	Kind     Kind          `json:"kind"`
	Lang     string        `json:"lang"`
	Title    TextJSON      `json:"title"`
	Sections []SectionJSON `json:"sections"`
}

// TextJSON is a message as code, arguments and text in the letter's language.
type TextJSON struct {
	Code string          `json:"code"`
	Args json.RawMessage `json:"args"`
	Text string          `json:"text"`
}

// SectionJSON is a section: id, heading and blocks.
type SectionJSON struct {
	ID      string      `json:"id"`
	Heading TextJSON    `json:"heading"`
	Blocks  []BlockJSON `json:"blocks"`
}

// BlockJSON is a paragraph (sentences) or a table.
type BlockJSON struct {
	Sentences []SentenceJSON `json:"sentences,omitempty"`
	Table     *TableJSON     `json:"table,omitempty"`
}

// SentenceJSON is a sentence with its figures (the arguments that are
// amounts, numbers, counts, dates or months, each with its text) and the
// steps and legal references they come from.
type SentenceJSON struct {
	TextJSON
	Figures    []FigureJSON `json:"figures"`
	Steps      []string     `json:"steps"`
	References []string     `json:"references"`
}

// FigureJSON is one figure: the argument's name, value and text.
type FigureJSON struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
	Text  string `json:"text"`
}

// TableJSON is a table: columns as codes and texts, rows of cells.
type TableJSON struct {
	Columns []TextJSON   `json:"columns"`
	Rows    [][]CellJSON `json:"rows"`
}

// CellJSON is a cell's value and its text.
type CellJSON struct {
	Value any    `json:"value"`
	Text  string `json:"text"`
}

func textJSON(m rules.Message, lang string) TextJSON {
	args := []byte("{}")
	if len(m.Args) > 0 {
		if b, err := json.Marshal(orderedArgs(m.Args)); err == nil {
			args = b
		}
	}
	return TextJSON{Code: m.Code, Args: args, Text: m.Text(lang)}
}

// orderedArgs writes arguments as an object in their declared order.
type orderedArgs []rules.Arg

func (o orderedArgs) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, a := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(a.Name)
		v, err := json.Marshal(a.Value)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// JSON is d as its JSON document in lang.
func (d *Document) JSON(lang string) DocumentJSON {
	out := DocumentJSON{Kind: d.Kind, Lang: lang, Title: textJSON(d.Title, lang), Sections: []SectionJSON{}}
	for _, s := range d.Sections {
		sj := SectionJSON{ID: s.ID, Heading: textJSON(s.Heading, lang), Blocks: []BlockJSON{}}
		for _, b := range s.Blocks {
			var bj BlockJSON
			if b.Table != nil {
				tj := &TableJSON{Columns: []TextJSON{}, Rows: [][]CellJSON{}}
				for _, c := range b.Table.Columns {
					tj.Columns = append(tj.Columns, textJSON(c.M(), lang))
				}
				for _, r := range b.Table.Rows {
					row := make([]CellJSON, len(r))
					for i, v := range r {
						row[i] = CellJSON{Value: v, Text: rules.FormatValue(v, lang)}
					}
					tj.Rows = append(tj.Rows, row)
				}
				bj.Table = tj
			}
			for _, se := range b.Sentences {
				sen := SentenceJSON{TextJSON: textJSON(se.Message, lang), Figures: []FigureJSON{}, Steps: nonNil(se.Steps), References: refsText(se.Refs, lang)}
				for _, a := range se.Args {
					if figure(a.Value) {
						sen.Figures = append(sen.Figures, FigureJSON{Name: a.Name, Value: a.Value, Text: rules.FormatValue(a.Value, lang)})
					}
				}
				bj.Sentences = append(bj.Sentences, sen)
			}
			if b.Table == nil && len(b.Sentences) == 0 {
				continue
			}
			sj.Blocks = append(sj.Blocks, bj)
		}
		out.Sections = append(out.Sections, sj)
	}
	return out
}

// refsText are a sentence's references written in lang, [] when none.
func refsText(refs []Ref, lang string) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Text(lang)
	}
	return out
}
