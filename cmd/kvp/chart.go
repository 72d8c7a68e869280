package main

import (
	"bytes"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"kvp/calc"
	"kvp/rules"
)

// The chart's texts; the catalogue has them in every language.
var (
	chartCurveTitle   = rules.NewCode("chart.curve.title", "key")
	chartCurveY       = rules.NewCode("chart.curve.y")
	chartZero         = rules.NewCode("chart.stipend_zero")
	chartCliff        = rules.NewCode("chart.cliff")
	chartHistTitle    = rules.NewCode("chart.compare.histogram", "figure")
	chartHistX        = rules.NewCode("chart.compare.change")
	chartHistY        = rules.NewCode("chart.compare.cases")
	chartGroupsTitle  = rules.NewCode("chart.compare.groups", "figure")
	chartGroupsY      = rules.NewCode("chart.compare.mean_change")
	errChartWrite     = rules.NewCode("err.chart.write", "path", "err")
	chartFigureNet    = rules.NewCode("chart.figure.net")
	chartFigureNetTax = rules.NewCode("chart.figure.net_after_tax")
)

// The colours of the chart's series. The points of the net after tax, the
// histogram's bars and the group bars each have their own, so that a test
// can count them in the SVG.
var (
	colourNet         = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	colourNetAfterTax = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	colourStipend     = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
	colourMark        = color.RGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xff}
	colourHistogram   = color.RGBA{R: 0x44, G: 0x66, B: 0x99, A: 0xff}
	colourGroups      = color.RGBA{R: 0x99, G: 0x66, B: 0x44, A: 0xff}
)

// checkChartPath refuses a --chart whose extension is neither .svg nor .png.
func checkChartPath(path string) error {
	if path == "" {
		return nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg", ".png":
		return nil
	}
	return flagUsageError("chart", rules.Errorf(errChartExt, rules.Quote(path)))
}

// kroner is an amount as a float, for drawing only.
func kroner(m calc.Money) float64 { return m.Decimal().InexactFloat64() }

// curveChart draws the net, the net after tax and the stipend against the
// varied input, with the zero point and the cliffs marked.
func curveChart(l locale, doc *curveDoc) []*plot.Plot {
	key := doc.Vary.Key
	if doc.Vary.At != "" {
		key += "@" + doc.Vary.At
	}
	p := plot.New()
	p.Title.Text = l.M(chartCurveTitle.M(key))
	p.X.Label.Text = key
	p.Y.Label.Text = l.M(chartCurveY.M())
	p.Legend.Top = true
	var net, stipend, after, zero, cliff plotter.XYs
	for _, pt := range doc.Points {
		x := pt.Value.InexactFloat64()
		net = append(net, plotter.XY{X: x, Y: kroner(pt.Net)})
		stipend = append(stipend, plotter.XY{X: x, Y: kroner(pt.Stipend)})
		if pt.NetAfterTax != nil {
			after = append(after, plotter.XY{X: x, Y: kroner(*pt.NetAfterTax)})
		}
		if pt.StipendZero {
			zero = append(zero, plotter.XY{X: x, Y: kroner(pt.Net)})
		}
		if pt.Cliff && pt.NetAfterTax != nil {
			cliff = append(cliff, plotter.XY{X: x, Y: kroner(*pt.NetAfterTax)})
		}
	}
	addLine(p, l.L(labelStipend), stipend, colourStipend, true)
	addLine(p, l.L(labelNet), net, colourNet, false)
	if len(after) > 0 {
		line, points, err := plotter.NewLinePoints(after)
		if err == nil {
			line.Color = colourNetAfterTax
			points.Color, points.Shape = colourNetAfterTax, draw.CircleGlyph{}
			p.Add(line, points)
			p.Legend.Add(l.L(labelNetAfterTax), line, points)
		}
	}
	addMarks(p, l.L(chartZero), zero, draw.TriangleGlyph{})
	addMarks(p, l.L(chartCliff), cliff, draw.CrossGlyph{})
	roomForLegend(p)
	return []*plot.Plot{p}
}

// roomForLegend raises the top of the y axis so that the legend, at the
// top, is drawn above the data.
func roomForLegend(p *plot.Plot) {
	if span := p.Y.Max - p.Y.Min; span > 0 {
		p.Y.Max += span * 0.3
	}
}

func addLine(p *plot.Plot, name string, xys plotter.XYs, c color.Color, dashed bool) {
	line, err := plotter.NewLine(xys)
	if err != nil {
		return
	}
	line.Color = c
	if dashed {
		line.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
	}
	p.Add(line)
	p.Legend.Add(name, line)
}

func addMarks(p *plot.Plot, name string, xys plotter.XYs, shape draw.GlyphDrawer) {
	if len(xys) == 0 {
		return
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return
	}
	s.Shape, s.Color, s.Radius = shape, colourMark, vg.Points(5)
	p.Add(s)
	p.Legend.Add(name, s)
}

// chartSize is one plot's size; plots are stacked.
const (
	chartWidth  = 16 * vg.Centimeter
	chartHeight = 10 * vg.Centimeter
)

// renderChart draws plots one above the other as SVG or PNG (by path's
// extension). The SVG embeds no font and no random id, so that it is the
// same byte for byte on every run.
func renderChart(path string, plots []*plot.Plot) ([]byte, error) {
	h := chartHeight * vg.Length(len(plots))
	var c vg.CanvasWriterTo
	if strings.EqualFold(filepath.Ext(path), ".png") {
		c = vgimg.PngCanvas{Canvas: vgimg.New(chartWidth, h)}
	} else {
		c = vgsvg.NewWith(vgsvg.UseWH(chartWidth, h), vgsvg.EmbedFonts(false))
	}
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadY: vg.Centimeter / 2, PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	grid := make([][]*plot.Plot, len(plots))
	for i, p := range plots {
		grid[i] = []*plot.Plot{p}
	}
	canvases := plot.Align(grid, tiles, dc)
	for i, p := range plots {
		p.Draw(canvases[i][0])
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeChart renders plots into path.
func writeChart(path string, plots []*plot.Plot) error {
	b, err := renderChart(path, plots)
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		return rules.Errorf(errChartWrite, path, err)
	}
	return nil
}
