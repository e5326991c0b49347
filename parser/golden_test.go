package parser_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/docs2go/docs2go/parser"
)

// TestGoldenDocsInput parses every page the team wrote in docs-input/ and
// compares its model with golden/parser/<same path>.json.
func TestGoldenDocsInput(t *testing.T) {
	const in = "../docs-input"
	var files []string
	err := filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no pages in docs-input/")
	}
	for _, file := range files {
		rel, _ := filepath.Rel(in, file)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			page := parser.Parse(filepath.ToSlash(filepath.Join("docs-input", rel)), src)
			got, err := json.MarshalIndent(page, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, filepath.Join("../golden/parser", strings.TrimSuffix(rel, ".md")+".json"), append(got, '\n'))
			again := parser.Parse(page.File, src)
			if b, _ := json.MarshalIndent(again, "", "  "); string(b) != string(got) {
				t.Error("parsing the same page twice gave different models")
			}
		})
	}
}
