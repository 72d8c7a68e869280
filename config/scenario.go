package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
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

type scenarioFile struct {
	Title       string                       `yaml:"title"`
	Description string                       `yaml:"description"`
	LegalBasis  string                       `yaml:"legal_basis"`
	Parameters  map[string][]fileDatedRow    `yaml:"parameters"`
	Tax         map[int]map[string]yaml.Node `yaml:"tax"`
}

// LoadScenario reads and checks a scenario file. Errors name the file and line.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, rules.Errorf(codeScenarioFile, err)
	}
	return ParseScenario(path, data)
}

// ParseScenario decodes a scenario strictly: unknown keys are errors.
func ParseScenario(path string, data []byte) (*Scenario, error) {
	var f scenarioFile
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, rules.Errorf(rules.ErrAtField, path, codeScenarioEmpty.M())
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err == io.EOF {
		return nil, rules.Errorf(rules.ErrAtField, path, codeScenarioComments.M())
	} else if err != nil {
		return nil, rules.Errorf(rules.ErrAtField, path, yamlMessage(err))
	}
	if strings.TrimSpace(f.Title) == "" {
		return nil, rules.Errorf(rules.ErrAtField, path, rules.ErrAtField.M("title", codeScenarioTitle.M()))
	}
	if err := checkParameterKeys(path, f.Parameters); err != nil {
		return nil, err
	}
	s := &Scenario{Path: path, Title: f.Title, Description: f.Description, LegalBasis: f.LegalBasis, params: f.Parameters, tax: f.Tax}
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
