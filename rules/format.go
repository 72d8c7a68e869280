package rules

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// GroupDigits writes the decimal number s ("-1234567.5") for people: a space
// between groups of three digits, a real minus sign, and the decimal
// separator sep ("." in English, "," in Norwegian): "−1 234 567,5".
func GroupDigits(s, sep string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "−", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString(sep + frac)
	}
	return b.String()
}

// QuoteMax is how many bytes of a value a message echoes.
const QuoteMax = 80

// Quote quotes a value the user gave for a message: control characters
// escaped, and a value longer than QuoteMax bytes cut at a character
// boundary and marked with "…", so that an error never echoes a whole
// file's worth of one value.
func Quote(s string) string {
	if len(s) <= QuoteMax {
		return strconv.Quote(s)
	}
	cut := QuoteMax
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}
