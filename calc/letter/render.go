package letter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode/utf8"

	"kvp/rules"
)

// Formats a letter is written in.
var Formats = []string{"text", "markdown", "html", "json"}

// Write writes d in lang as format (one of Formats; json is the document of
// JSON, written by the caller with its stamp).
func Write(w io.Writer, d *Document, format, lang string) error {
	var b bytes.Buffer
	switch format {
	case "text":
		writeText(&b, d, lang)
	case "markdown":
		writeMarkdown(&b, d, lang)
	case "html":
		writeHTML(&b, d, lang)
	case "json":
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d.JSON(lang)); err != nil {
			return err
		}
	default:
		return fmt.Errorf("letter: unknown format %q", format)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// paragraph is a block's sentences joined in lang.
func paragraph(b Block, lang string) string {
	parts := make([]string, len(b.Sentences))
	for i, s := range b.Sentences {
		parts[i] = s.Text(lang)
	}
	return strings.Join(parts, " ")
}

// cells are a table's headings and cells in lang, and which columns are
// figures to right-align.
func cells(t *Table, lang string) (head []string, rows [][]string, right []bool) {
	for _, c := range t.Columns {
		head = append(head, c.T(lang))
	}
	right = make([]bool, len(t.Columns))
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = rules.FormatValue(v, lang)
			switch v.(type) {
			case Amount, int, Number:
				right[i] = true
			}
		}
		rows = append(rows, row)
	}
	return head, rows, right
}

func width(s string) int { return utf8.RuneCountInString(s) }

// writeText writes d as plain text to paste into a letter system: the
// title and headings underlined, one paragraph a line, tables in aligned
// columns.
func writeText(w *bytes.Buffer, d *Document, lang string) {
	title := d.Title.Text(lang)
	fmt.Fprintf(w, "%s\n%s\n", title, strings.Repeat("=", width(title)))
	for _, s := range d.Sections {
		h := s.Heading.Text(lang)
		fmt.Fprintf(w, "\n%s\n%s\n", h, strings.Repeat("-", width(h)))
		for _, b := range s.Blocks {
			if b.Table != nil {
				w.WriteString("\n")
				textTable(w, b.Table, lang)
				continue
			}
			if len(b.Sentences) > 0 {
				fmt.Fprintf(w, "\n%s\n", paragraph(b, lang))
			}
		}
	}
}

func textTable(w *bytes.Buffer, t *Table, lang string) {
	head, rows, right := cells(t, lang)
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = width(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-width(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(head)
	dashes := make([]string, len(head))
	for i := range head {
		dashes[i] = strings.Repeat("-", widths[i])
	}
	line(dashes)
	for _, r := range rows {
		line(r)
	}
}

// mdEscape escapes what Markdown would read as markup.
var mdEscape = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `|`, `\|`, `<`, `\<`, `>`, `\>`, "`", "\\`", `[`, `\[`, `]`, `\]`, `#`, `\#`)

// writeMarkdown writes d as Markdown: # title, ## headings, paragraphs and
// pipe tables.
func writeMarkdown(w *bytes.Buffer, d *Document, lang string) {
	fmt.Fprintf(w, "# %s\n", mdEscape.Replace(d.Title.Text(lang)))
	for _, s := range d.Sections {
		fmt.Fprintf(w, "\n## %s\n", mdEscape.Replace(s.Heading.Text(lang)))
		for _, b := range s.Blocks {
			if b.Table != nil {
				head, rows, right := cells(b.Table, lang)
				esc := func(r []string) string {
					out := make([]string, len(r))
					for i, c := range r {
						out[i] = mdEscape.Replace(c)
					}
					return "| " + strings.Join(out, " | ") + " |\n"
				}
				w.WriteString("\n" + esc(head))
				align := make([]string, len(head))
				for i := range head {
					align[i] = "---"
					if right[i] {
						align[i] = "---:"
					}
				}
				w.WriteString("| " + strings.Join(align, " | ") + " |\n")
				for _, r := range rows {
					w.WriteString(esc(r))
				}
				continue
			}
			if len(b.Sentences) > 0 {
				fmt.Fprintf(w, "\n%s\n", mdEscape.Replace(paragraph(b, lang)))
			}
		}
	}
}

// htmlStyle is the letter's whole style: no fonts or sheets from elsewhere.
const htmlStyle = `@page { size: A4; margin: 20mm 18mm; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11.5pt; line-height: 1.45; color: #222; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 17pt; font-weight: bold; margin: 0 0 1em; }
h2 { font-size: 13pt; font-weight: bold; margin: 1.6em 0 0.4em; }
p { margin: 0.4em 0; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { padding: 0.15em 0.8em 0.15em 0; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #444; font-weight: bold; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
}
`

// nbsp keeps an amount on one line in HTML ("20 080,11 kr" is never broken
// across lines): the space between digit groups, after "NOK" before a digit
// and between a digit and "kr" becomes a no-break space.
func nbsp(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && i+1 < len(s) {
			prevDigit := isDigit(s[i-1])
			switch {
			case prevDigit && digitGroup(s[i+1:]),
				prevDigit && strings.HasPrefix(s[i+1:], "kr") && (i+3 == len(s) || !isLetter(s[i+3])),
				strings.HasSuffix(s[:i], "NOK") && isDigit(s[i+1]):
				b.WriteString("\u00a0")
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// digitGroup reports whether s starts with exactly three digits.
func digitGroup(s string) bool {
	return len(s) >= 3 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && (len(s) == 3 || !isDigit(s[3]))
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// writeHTML writes d as one standalone printable HTML file: the style
// inline, no scripts, nothing fetched from elsewhere.
func writeHTML(w *bytes.Buffer, d *Document, lang string) {
	e := func(s string) string { return nbsp(html.EscapeString(s)) }
	title := e(d.Title.Text(lang))
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>%s</h1>\n",
		e(lang), title, htmlStyle, title)
	for _, s := range d.Sections {
		fmt.Fprintf(w, "<section id=\"%s\">\n<h2>%s</h2>\n", e(s.ID), e(s.Heading.Text(lang)))
		for _, b := range s.Blocks {
			if b.Table != nil {
				head, rows, right := cells(b.Table, lang)
				class := func(i int) string {
					if right[i] {
						return ` class="n"`
					}
					return ""
				}
				w.WriteString("<table>\n<thead><tr>")
				for i, h := range head {
					fmt.Fprintf(w, "<th%s>%s</th>", class(i), e(h))
				}
				w.WriteString("</tr></thead>\n<tbody>\n")
				for _, r := range rows {
					w.WriteString("<tr>")
					for i, c := range r {
						fmt.Fprintf(w, "<td%s>%s</td>", class(i), e(c))
					}
					w.WriteString("</tr>\n")
				}
				w.WriteString("</tbody>\n</table>\n")
				continue
			}
			if len(b.Sentences) > 0 {
				fmt.Fprintf(w, "<p>%s</p>\n", e(paragraph(b, lang)))
			}
		}
		w.WriteString("</section>\n")
	}
	w.WriteString("</main>\n</body>\n</html>\n")
}
