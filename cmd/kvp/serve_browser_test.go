package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kvp/rules"
)

// chromiumPath is Debian's Chromium, or $KVP_CHROMIUM.
func chromiumPath() string {
	if p := os.Getenv("KVP_CHROMIUM"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return "/usr/bin/chromium"
}

// TestWebPageInBrowser fills the web page's form in headless Chromium,
// submits it, reads the total from the page and compares it with kvp calc
// for the same case; the tables shown are kvp calc's in bokmål, and the
// letter panel shows kvp letter's total and text. Switched to nynorsk, the
// headings, the tables and the letter are nynorsk's. It skips
// only when Chromium is missing and CI is unset; .ci/run installs it.
// The screenshot is written to $KVP_SCREENSHOT, else the test's temp dir.
func TestWebPageInBrowser(t *testing.T) {
	browser := chromiumPath()
	if _, err := os.Stat(browser); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no Chromium at %s (apt-get install chromium; CI=true makes this a failure)", browser)
		}
		t.Fatalf("CI is set and there is no Chromium at %s", browser)
	}
	_, hs := testServer(t, nil)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox, // as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1600),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	c := map[string]any{"birth_date": "1999-08-20", "from": "2026-01-01", "to": "2026-12-31", "children": 1,
		"work_hours": []map[string]string{{"hours": "10", "from": "2026-03-01", "to": "2026-04-30"}},
		"absence":    []map[string]string{{"date": "2026-05-13"}}, "rounding": "nav", "age_switch": "birthday", "leap_birthday": "feb28"}
	caseJSON, _ := json.Marshal(c)
	var doc struct {
		Total struct {
			Net string `json:"net"`
		} `json:"total"`
	}
	if err := json.Unmarshal(commandOut(t, []string{"calc", "-f", "-", "-o", "json"}, string(caseJSON)), &doc); err != nil {
		t.Fatal(err)
	}
	tables := string(commandOut(t, []string{"calc", "-f", "-", "--lang", "nb"}, string(caseJSON)))
	letterTotal := func(lang string) string { // the figure net of the sentence letter.period.total
		var doc struct {
			Sections []struct {
				Blocks []struct {
					Sentences []struct {
						Code    string `json:"code"`
						Figures []struct{ Name, Text string }
					} `json:"sentences"`
				} `json:"blocks"`
			} `json:"sections"`
		}
		if err := json.Unmarshal(commandOut(t, []string{"letter", "-f", "-", "-o", "json", "--lang", lang}, string(caseJSON)), &doc); err != nil {
			t.Fatal(err)
		}
		for _, s := range doc.Sections {
			for _, b := range s.Blocks {
				for _, x := range b.Sentences {
					for _, f := range x.Figures {
						if x.Code == "letter.period.total" && f.Name == "net" {
							return f.Text
						}
					}
				}
			}
		}
		t.Fatal("kvp letter -o json has no letter.period.total")
		return ""
	}
	letterText := string(commandOut(t, []string{"letter", "-f", "-", "--lang", "nb"}, string(caseJSON)))

	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(css("#birth_date")),
		chromedp.SetValue(css("#birth_date"), "1999-08-20"),
		chromedp.SetValue(css("#from"), "2026-01-01"),
		chromedp.SetValue(css("#to"), "2026-12-31"),
		chromedp.SetValue(css("#children"), "1"),
		chromedp.SendKeys(css("#work_hours"), "10 2026-03-01 2026-04-30"),
		chromedp.SendKeys(css("#absence"), "2026-05-13"),
		chromedp.Click(css("#submit")),
		chromedp.WaitVisible(css("#result")),
	)
	if err != nil {
		t.Fatal(err)
	}
	read := func(a chromedp.Action[string]) string {
		s, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	title := read(chromedp.Text(css("h1")))
	total := read(chromedp.Text(css("#total")))
	shown := read(chromedp.TextContent(css("#tables")))
	explanation := read(chromedp.TextContent(css("#explanation")))
	shownLetterTotal := read(chromedp.Text(css("#letter-total")))
	shownLetter := read(chromedp.TextContent(css("#letter-text")))
	if err := chromedp.Do(ctx, chromedp.Click(css("#copy-letter"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("copied").textContent !== ""`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the copy button: %v", err)
	}
	copied := read(chromedp.Text(css("#copied")))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	shot := os.Getenv("KVP_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "kvp-serve-page.png")
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s; total on the page %s, kvp calc %s", shot, total, doc.Total.Net)
	if title != "Kvalifiseringsstønad: beregning" {
		t.Errorf("the page's title is %q: not bokmål", title)
	}
	if want := rules.GroupDigits(doc.Total.Net, ",") + " kr"; strings.TrimSpace(total) != want { // as the tables write it
		t.Errorf("the page shows the total %q, kvp calc says %s (%q in bokmål)", total, doc.Total.Net, want)
	}
	if got := read(chromedp.TextContent(css(`#age_switch option[value="next-month"]`))); got != "fra måneden etter" {
		t.Errorf("the age switch's choice next-month reads %q in bokmål, not the catalogue's words", got)
	}
	if got := read(chromedp.TextContent(css(`#rounding option[value="nav"]`))); got != "som NAV (hele kroner)" {
		t.Errorf("the rounding choice nav reads %q in bokmål", got)
	}
	if strings.TrimSpace(shown) != strings.TrimSpace(tables) {
		t.Errorf("the page's tables differ from kvp calc --lang nb:\n%s", shown)
	}
	if !strings.Contains(explanation, "§ 35") {
		t.Errorf("the explanation does not cite § 35:\n%.400s", explanation)
	}
	if want := letterTotal("nb"); shownLetterTotal != want {
		t.Errorf("the letter panel shows the total %q, kvp letter --lang nb says %q", shownLetterTotal, want)
	}
	if strings.TrimSpace(shownLetter) != strings.TrimSpace(letterText) {
		t.Errorf("the letter panel's text differs from kvp letter --lang nb:\n%.400s", shownLetter)
	}
	if copied != "Kopiert" {
		t.Errorf("after the copy button: %q", copied)
	}

	// Nynorsk: the page's texts at once, the tables and the letter computed again.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.getElementById("lang"); s.value = "nn"; s.dispatchEvent(new Event("change")); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.lang === "nn" && !document.getElementById("submit").disabled`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatal(err)
	}
	nnTables := string(commandOut(t, []string{"calc", "-f", "-", "--lang", "nn"}, string(caseJSON)))
	if h := read(chromedp.Text(css("h1"))); h != "Kvalifiseringsstønad: utrekning" {
		t.Errorf("in nynorsk the title is %q", h)
	}
	if h := read(chromedp.Text(css(`h2[data-t="page.tables"]`))); h != "Tabellar" {
		t.Errorf("in nynorsk the tables' heading is %q", h)
	}
	if shown := read(chromedp.TextContent(css("#tables"))); strings.TrimSpace(shown) != strings.TrimSpace(nnTables) {
		t.Errorf("the page's tables differ from kvp calc --lang nn:\n%s", shown)
	}
	if got, want := read(chromedp.Text(css("#letter-total"))), letterTotal("nn"); got != want {
		t.Errorf("in nynorsk the letter panel shows the total %q, kvp letter --lang nn says %q", got, want)
	}

	// Pay day 10: the payments table's pay dates move from the 12th to the
	// 10th, as kvp calc's with pay_day 10.
	c["pay_day"] = 10
	payCase, _ := json.Marshal(c)
	payTables := string(commandOut(t, []string{"calc", "-f", "-", "--lang", "nn"}, string(payCase)))
	if !strings.Contains(payTables, "10.02.2026") || strings.Contains(payTables, "12.02.2026") {
		t.Fatalf("kvp calc with pay_day 10 does not pay on 10.02.2026:\n%s", payTables)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(css("#pay_day"), "10"),
		chromedp.Click(css("#submit")),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("tables").textContent.includes("10.02.2026") && !document.getElementById("submit").disabled`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("after pay day 10 the tables show no pay date 10.02.2026: %v\n%s", err, read(chromedp.TextContent(css("#tables"))))
	}
	if shown := read(chromedp.TextContent(css("#tables"))); strings.TrimSpace(shown) != strings.TrimSpace(payTables) {
		t.Errorf("with pay day 10 the page's tables differ from kvp calc --lang nn:\n%s", shown)
	}
	if got := read(chromedp.TextContent(css(`#pay_cycle option[value="14-days"]`))); got != "kvar 14. dag" {
		t.Errorf("the pay cycle's choice 14-days reads %q in nynorsk", got)
	}
	t.Logf("letter total on the page %s (nb)", shownLetterTotal)
}
