package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// Scenario is a named set of parameter changes an analyst wants to test:
// "G for 2027-05-01 = 143 000", "factor 2.1 from 2027-01-01".
type Scenario struct {
	Path        string `json:"path"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	LegalBasis  string `json:"legal_basis,omitempty"`
	params      map[string][]fileDatedRow
	tax         map[int]map[string]yaml.Node
}

// LoadScenario reads and checks a scenario file. Errors name the file and line.
func LoadScenario(path string) (*Scenario, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, rules.Errorf(codeScenarioFile, err)
	}
	return ParseScenario(path, data)
}

// ParseScenario reads a scenario as strictly as a config file is read: one
// YAML document, each key known and given once, each date once in a list.
func ParseScenario(path string, data []byte) (*Scenario, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, rules.Errorf(rules.ErrAtField, path, codeScenarioEmpty.M())
	}
	doc, err := parseDocument(path, data, codeSecondDocScenario)
	if err != nil {
		return nil, err
	}
	if doc.Kind == 0 {
		return nil, rules.Errorf(rules.ErrAtField, path, codeScenarioComments.M())
	}
	s := &Scenario{Path: path}
	if top := root(doc); top != nil {
		d := &fileReader{}
		d.mapping(top, "", rules.WantMapping.M(), scenarioKeys, func(k, v *yaml.Node, kp string) {
			switch k.Value {
			case "title":
				s.Title = d.text(v, kp)
			case "description":
				s.Description = d.text(v, kp)
			case "legal_basis":
				s.LegalBasis = d.text(v, kp)
			case "parameters":
				if !isNull(v) {
					s.params = d.parameters(v, kp)
				}
			case "tax":
				if !isNull(v) {
					s.tax = d.tax(v, kp)
				}
			}
		})
		if err := d.err(path); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(s.Title) == "" {
		return nil, rules.Errorf(rules.ErrAtField, path, rules.ErrAtField.M("title", codeScenarioTitle.M()))
	}
	// Check that it applies cleanly to the defaults, so errors surface at load.
	p, err := rules.DefaultParams()
	if err != nil {
		return nil, err
	}
	if err := s.Apply(p); err != nil {
		return nil, err
	}
	return s, nil
}

// Apply makes the scenario's changes to p and validates the result.
func (s *Scenario) Apply(p *rules.Params) error {
	f := file{Parameters: s.params, Tax: s.tax}
	if err := f.apply(p, "scenario:"+s.Path); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%s: %w", s.Path, err)
	}
	return nil
}

// Hash returns a short, stable fingerprint of every effective parameter
// value, so that a run can be matched to the parameters that produced it.
func Hash(p *rules.Params) string {
	h := sha256.New()
	for _, it := range p.G.Items {
		fmt.Fprintf(h, "g %s %s\n", it.From, it.Value)
	}
	for _, it := range p.Factor.Items {
		fmt.Fprintf(h, "factor %s %s\n", it.From, it.Value)
	}
	for _, it := range p.Under25Share.Items {
		fmt.Fprintf(h, "under25_share %s %s\n", it.From, it.Value)
	}
	for _, it := range p.DayDivisor.Items {
		fmt.Fprintf(h, "day_divisor %s %s\n", it.From, it.Value)
	}
	for _, it := range p.ChildSupplement.Items {
		fmt.Fprintf(h, "child_supplement %s %s\n", it.From, it.Value)
	}
	for _, y := range p.Tax.Years() {
		fmt.Fprintf(h, "tax %d %+v\n", y, p.Tax[y])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}
