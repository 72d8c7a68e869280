package main

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// errorPatterns word kvp's error messages in Norwegian bokmål. The messages
// are built from a few shapes ("X is not one of A, B", "… does not exist");
// each pattern translates one shape wherever it appears. Field names, flag
// names and values are left as they are: they are what the user typed.
var errorPatterns = sync.OnceValue(func() []struct {
	re *regexp.Regexp
	nb string
} {
	rules := []struct{ en, nb string }{
		{`(\S+) is not one of ([^;]+)`, `$1 er ikke en av $2`},
		{`is not a date: expected YYYY-MM-DD`, `er ikke en dato: forventet ÅÅÅÅ-MM-DD`},
		{`does not exist: month (\d+) of (\d+) has (\d+) days`, `finnes ikke: måned $1 i $2 har $3 dager`},
		{`does not exist: month (\d+) is not 1–12`, `finnes ikke: måned $1 er ikke 1–12`},
		{`year (\d+) is outside (\d+)–(\d+)`, `året $1 er utenfor $2–$3`},
		{`(\S+) is before from (\S+)`, `$1 er før fra-datoen $2`},
		{`is not before the period starts`, `er ikke før perioden starter`},
		{`ends before it starts`, `slutter før den starter`},
		{`is not a period: expected FROM..TO`, `er ikke en periode: forventet FRA..TIL`},
		{`--(\S+) is required`, `--$1 må oppgis`},
		{`is required`, `må oppgis`},
		{`\(or (\S+) in the case file\)`, `(eller $1 i saksfilen)`},
		{`^case file: open `, `saksfil: åpne `},
		{`^config file: open `, `konfigurasjonsfil: åpne `},
		{`unknown flag: (\S+)`, `ukjent flagg: $1`},
		{`unknown command (\S+) for (\S+)`, `ukjent kommando $1 for $2`},
		{`unknown field (\S+)`, `ukjent felt $1`},
		{`given twice, first at line (\d+)`, `gitt to ganger, første gang på linje $1`},
		{`given twice`, `gitt to ganger`},
		{`unknown parameter (\S+)`, `ukjent parameter $1`},
		{`no such file or directory`, `finnes ikke`},
		{`is a directory, not a file`, `er en mappe, ikke en fil`},
		{`is not yes or no`, `er ikke ja eller nei`},
		{`is not a number`, `er ikke et tall`},
		{`is negative`, `er negativ`},
		{`must be positive`, `må være positiv`},
		{`is after the income year (\d+)`, `er etter inntektsåret $1`},
		{`is not inside the period`, `er ikke innenfor perioden`},
		{`more than a week has`, `mer enn en uke har`},
		{`hours is negative`, `timer er negativt`},
		{`not UTF-8 text`, `ikke UTF-8-tekst`},
		{`empty`, `tom`},
		{`(\d+) of (\d+) lines failed; first: line (\d+)`, `$1 av $2 linjer feilet; første: linje $3`},
		{`line (\d+)`, `linje $1`},
	}
	out := make([]struct {
		re *regexp.Regexp
		nb string
	}, len(rules))
	for i, r := range rules {
		out[i].re, out[i].nb = regexp.MustCompile(r.en), r.nb
	}
	return out
})

// translateError words msg in Norwegian.
func translateError(msg string) string {
	for _, p := range errorPatterns() {
		msg = p.re.ReplaceAllString(msg, p.nb)
	}
	return msg
}

// errorLang decides the language of an error message when the command may
// have failed before its configuration was read: the loaded config, else
// --lang on the command line, else KVP_LANG, LC_ALL and LANG.
func errorLang(a *app, args []string) string {
	if a.cfg != nil {
		if l, err := a.cfg.Lang(); err == nil {
			return l
		}
	}
	for i, arg := range args {
		if v, ok := strings.CutPrefix(arg, "--lang="); ok {
			return v
		}
		if arg == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	for _, env := range []string{"KVP_LANG", "LC_ALL", "LANG"} {
		if e := strings.ToLower(os.Getenv(env)); e != "" {
			if strings.HasPrefix(e, "nb") || strings.HasPrefix(e, "nn") || strings.HasPrefix(e, "no") {
				return "nb"
			}
			return "en"
		}
	}
	return "en"
}
