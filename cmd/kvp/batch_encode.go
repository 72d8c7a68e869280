package main

import (
	"encoding/json"
	"strconv"

	"kvp/calc"
	"kvp/rules"
)

// appendRecord appends r as one JSON line. It writes the same bytes as
// encoding/json would for batchRecord (a test checks this), without
// reflection: in a batch the encoding is a large share of the work.
func appendRecord(b []byte, r *batchRecord) []byte { return appendRecordWith(b, r, nil) }

// appendRecordWith is appendRecord with its warnings through wc, which
// words each distinct warning once (a worker's, for a chunk); nil words
// every one.
func appendRecordWith(b []byte, r *batchRecord, wc *rules.WarningJSON) []byte {
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, int64(r.Line), 10)
	if r.ID != nil {
		id, _ := r.ID.MarshalJSON()
		b = append(b, `,"id":`...)
		b = append(b, id...)
	}
	if r.Error != "" {
		msg, _ := json.Marshal(r.Error)
		b = append(b, `,"error":`...)
		b = append(b, msg...)
	}
	for _, part := range []struct {
		key string
		res *batchResult
	}{{"result", r.Result}, {"baseline", r.Baseline}, {"scenario", r.Scenario}, {"difference", r.Difference}} {
		if part.res != nil {
			b = append(b, `,"`...)
			b = append(b, part.key...)
			b = append(b, `":`...)
			b = appendResult(b, part.res, wc)
		}
	}
	return append(b, "}\n"...)
}

func appendResult(b []byte, r *batchResult, wc *rules.WarningJSON) []byte {
	b = append(b, `{"from":"`...)
	b = r.From.AppendISO(b)
	b = append(b, `","to":"`...)
	b = r.To.AppendISO(b)
	if r.Rounding != "" {
		b = append(b, `","rounding":"`...)
		b = append(b, r.Rounding...)
	}
	b = append(b, `","paid_days":`...)
	b = strconv.AppendInt(b, int64(r.PaidDays), 10)
	t := r.Total
	b = append(b, `,"total":{`...)
	for i, kv := range []struct {
		k string
		v calc.Money
	}{{"stipend", t.Stipend}, {"child_supplement", t.ChildSupplement}, {"interruption", t.Interruption}, {"absence", t.Absence},
		{"work", t.Work}, {"other_benefits", t.OtherBenefits}, {"net", t.Net}} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMoneyField(b, kv.k, kv.v)
	}
	b = append(b, `},"years":[`...)
	for i, y := range r.Years {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"year":`...)
		b = strconv.AppendInt(b, int64(y.Year), 10)
		b = append(b, ',')
		b = appendMoneyField(b, "earned_net", y.EarnedNet)
		b = append(b, ',')
		b = appendMoneyField(b, "paid_net", y.PaidNet)
		for _, opt := range []struct {
			k string
			v *calc.Money
		}{{"tax", y.Tax}, {"net_after_tax", y.NetAfterTax}, {"pension_earning", y.PensionEarning}} {
			if opt.v != nil {
				b = append(b, ',')
				b = appendMoneyField(b, opt.k, *opt.v)
			}
		}
		if y.TaxNote != "" {
			note, _ := json.Marshal(y.TaxNote)
			b = append(b, `,"tax_note":`...)
			b = append(b, note...)
		}
		b = append(b, '}')
	}
	b = append(b, ']')
	if len(r.Warnings) > 0 {
		// Each warning appended as its MarshalJSON writes it, without
		// encoding/json's pass over the slice that would only copy it.
		b = append(b, `,"warnings":[`...)
		for i, w := range r.Warnings {
			if i > 0 {
				b = append(b, ',')
			}
			if wc != nil {
				b, _ = wc.Append(b, w)
			} else {
				b, _ = w.AppendJSON(b)
			}
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendMoneyField(b []byte, key string, m calc.Money) []byte {
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `":"`...)
	b, _ = m.AppendText(b)
	return append(b, '"')
}
