package main

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkServeCalc is the load test of kvp serve: 32 concurrent clients
// on loopback, each with its own keep-alive connection, POST /v1/calc with
// a case of one year and one child, for b.N requests in all. It reports
// the throughput, the median and 99th percentile latency and the errors
// (which must be zero). Run:
//
//	go test ./cmd/kvp -run '^$' -bench ServeCalc -benchtime 20000x
func BenchmarkServeCalc(b *testing.B) {
	benchServe(b, `{"birth_date":"1999-08-20","from":"2026-01-01","to":"2026-12-31","children":1}`)
}

// BenchmarkServeCalcMonth is BenchmarkServeCalc with a case of one month.
func BenchmarkServeCalcMonth(b *testing.B) {
	benchServe(b, `{"birth_date":"1990-01-01","from":"2026-05-01","to":"2026-05-31"}`)
}

func benchServe(b *testing.B, body string) {
	const clients = 32
	_, hs := testServer(b, nil)
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var next, errs atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				t0 := time.Now()
				req, _ := http.NewRequest("POST", hs.URL+"/v1/calc", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					errs.Add(1)
					continue
				}
				if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != 200 {
					errs.Add(1)
				}
				resp.Body.Close()
				lat[c] = append(lat[c], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	pct := func(p float64) float64 { return float64(all[int(float64(len(all)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(errs.Load()), "errors")
	if errs.Load() > 0 {
		b.Errorf("%d of %d requests failed", errs.Load(), b.N)
	}
}
