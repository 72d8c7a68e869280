package rules

import "strings"

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
