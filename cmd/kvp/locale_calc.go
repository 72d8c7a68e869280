package main

// nbCalc is the Norwegian text of the stipend commands (rates, calc, compare,
// batch, g, config).
var nbCalc = map[string]string{
	// kvp rates
	"Rates in force on":                   "Satser som gjelder",
	"yearly":                              "årsbeløp",
	"monthly":                             "månedsbeløp",
	"daily":                               "dagsats",
	"yearly / 12":                         "årsbeløp / 12",
	"per day":                             "per dag",
	"child supplement per child per day":  "barnetillegg per barn per dag",
	"child supplement per child per year": "barnetillegg per barn per år",

	// kvp calc
	"Period %s – %s · rounding %s · age switch %s (full rate from %s)": "Periode %s – %s · avrunding %s · aldersovergang %s (full sats fra %s)",
	"whole kroner, half up":                                 "hele kroner, halvt opp",
	"to the øre in each monthly payment":                    "til øre i hver månedlige utbetaling",
	"shown to the øre; the amounts use the unrounded value": "vist til øre; beløpene bruker den uavrundede verdien",
	"day by day at most what is left of the stipend":        "dag for dag høyst det som er igjen av stønaden",
	"29 February birthday: %s":                              "fødselsdag 29. februar: %s",
	" · other benefits reduce: %s":                          " · andre ytelser trekkes i: %s",
	"Months (paid in arrears the month after, ":             "Måneder (utbetales etterskuddsvis måneden etter, ",
	"interrupted": "avbrudd",
	"h/wk":        "t/uke",
	"day":         "dag",

	// --explain
	"yearly amount":            "årsbeløp",
	"monthly amount":           "månedsbeløp",
	"child supplement per day": "barnetillegg per dag",
	"child supplement":         "barnetillegg",
	"paid days":                "stønadsdager",
	"absence deduction":        "trekk for fravær",
	"work deduction":           "trekk for arbeid",
	"other benefits deduction": "trekk for andre ytelser",
	"share":                    "andel",
	"rate":                     "sats",
	"hours":                    "timer",
	"Monday–Friday, public holidays included":              "mandag–fredag, helligdager medregnet",
	"whole kroner, half up, as NAV publishes it":           "hele kroner, halvt opp, slik NAV publiserer det",
	"to the øre, half up":                                  "til øre, halvt opp",
	"to the øre in the monthly payment":                    "til øre i månedsutbetalingen",
	"reductions to the øre":                                "trekk til øre",
	"shown to the øre; amounts use the unrounded day rate": "vist til øre; beløpene bruker uavrundet dagsats",
	"stipend left after §§ 36–37":                          "stønad igjen etter §§ 36–37",
	"krone for krone":                                      "krone for krone",

	// kvp compare
	"Baseline: %s (params %s)\nScenario: %s (params %s)\n": "Grunnlag: %s (parametre %s)\nScenario: %s (parametre %s)\n",
	"Legal basis of the scenario: %s\n":                    "Hjemmel for scenarioet: %s\n",
	"Segments (net)":                                       "Perioder (netto)",
	"Months (net, by the month earned)":                    "Måneder (netto, etter opptjeningsmåned)",
	"Years (net, by the year paid)":                        "År (netto, etter utbetalingsår)",
	"Tax-relevant amounts per income year":                 "Skatterelevante beløp per inntektsår",
	"tax baseline":                                         "skatt grunnlag",
	"tax scenario":                                         "skatt scenario",
	"net baseline":                                         "netto grunnlag",
	"net scenario":                                         "netto scenario",
	"net difference":                                       "netto differanse",
	"n/a":                                                  "i.a.",
	"effective configuration":                              "gjeldende konfigurasjon",

	// kvp g
	"average G":                     "gjennomsnittlig G",
	"average G (year)":              "gjennomsnittlig G (år)",
	"G / 12, whole kroner":          "G / 12, hele kroner",
	"month-weighted yearly average": "månedsveid årsgjennomsnitt",

	// kvp config show, and where a value came from
	"Config file:": "Konfigurasjonsfil:",
	"(none)":       "(ingen)",
	"Parameters":   "Parametre",
	"default":      "standard",
	"environment":  "miljøvariabel",
	"flag":         "flagg",
	"file:":        "fil:",
}
