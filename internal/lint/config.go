package lint

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/docs2go/docs2go/parser/diag"
	"go.yaml.in/yaml/v3"
)

// ConfigName is the configuration file lint looks for, walking up from the
// linted path.
const ConfigName = ".docs2go.yaml"

// Config is a .docs2go.yaml file:
//
//	rules:                # severity per rule ID or name: error, warning, info, off
//	  DG2106: off
//	  unknown-permission: warning
//	disable: [DG4102]     # the same as off
//	permissions: ../concepts/permissions-reference.md
//	baseline: .docs2go-baseline.json
//
// Paths are relative to the file's folder.
type Config struct {
	Rules       map[string]string `yaml:"rules"`
	Disable     []string          `yaml:"disable"`
	Enable      []string          `yaml:"enable"`
	Permissions string            `yaml:"permissions"`
	Baseline    string            `yaml:"baseline"`
	// File is where the configuration was read from.
	File string `yaml:"-"`
}

// FindConfig walks up from dir to the file system root looking for
// ConfigName; it returns "" when there is none.
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		f := filepath.Join(dir, ConfigName)
		if info, err := os.Stat(f); err == nil && !info.IsDir() {
			return f
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// ReadConfig reads and checks a configuration file.
func ReadConfig(file string) (*Config, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var c Config
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	c.File = file
	dir := filepath.Dir(file)
	if c.Permissions != "" && !filepath.IsAbs(c.Permissions) {
		c.Permissions = filepath.Join(dir, c.Permissions)
	}
	if c.Baseline != "" && !filepath.IsAbs(c.Baseline) {
		c.Baseline = filepath.Join(dir, c.Baseline)
	}
	if _, err := c.Severities(nil); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &c, nil
}

// Severities merges the configuration's rule settings into sev (a new map
// when nil) and returns it.
func (c *Config) Severities(sev map[string]diag.Severity) (map[string]diag.Severity, error) {
	if sev == nil {
		sev = map[string]diag.Severity{}
	}
	for name, s := range c.Rules {
		r, ok := diag.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown rule %q", name)
		}
		v, err := diag.ParseSeverity(s)
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", name, err)
		}
		sev[r.ID] = v
	}
	for _, name := range c.Disable {
		r, ok := diag.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown rule %q", name)
		}
		sev[r.ID] = diag.Off
	}
	for _, name := range c.Enable {
		r, ok := diag.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown rule %q", name)
		}
		if sev[r.ID] == diag.Off {
			delete(sev, r.ID)
		}
	}
	return sev, nil
}

// WriteRulesMarkdown writes docs/rules.md: every registered rule, from
// the registry.
func WriteRulesMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# docs2go rules\n\n<!-- Generated from the rule registry by `go test ./internal/lint -run TestRulesDoc -update`. Do not edit. -->\n\n")
	b.WriteString("Every finding of `docs2go parse`, `gen` and `lint` has a stable rule ID. `docs2go explain RULE` prints one rule; `docs2go lint --list-rules` lists them. Rules marked fixable are rewritten by `docs2go lint --fix`.\n\n")
	b.WriteString("| ID | name | stage | default | fixable | summary |\n|---|---|---|---|---|---|\n")
	rules := diag.Rules()
	for _, r := range rules {
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, r.Stage, r.Severity, fix, strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s\n\n`%s` · %s · default %s", r.ID, r.Name, r.Stage, r.Severity)
		if r.Fixable {
			b.WriteString(" · fixable")
		}
		fmt.Fprintf(&b, "\n\n%s.\n\n%s\n\nBad:\n\n```markdown\n%s\n```\n\nGood:\n\n```markdown\n%s\n```\n", capitalise(r.Summary), r.Doc, r.Bad, r.Good)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
