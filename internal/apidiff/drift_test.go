package apidiff

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/google/go-cmp/cmp"
)

type driftBrief struct{ Locale, Page, ID, Op, Old, New, At string }

func TestDrift(t *testing.T) {
	trees := load(t, nil, "testdata/drift/en", "testdata/drift/pt-BR", "testdata/drift/ru-RU")
	fs, sums := Drift(trees[0], trees[1:])
	var got []driftBrief
	for _, f := range fs {
		got = append(got, driftBrief{f.Locale, f.Page, f.Check.ID, f.Operation, f.Old, f.New, f.At().String()})
	}
	const api = "api-reference/v1.0/api/"
	want := []driftBrief{
		{"pt-BR", api + "widget-delete.md", "translation-missing", "", "", "", "testdata/drift/en/" + api + "widget-delete.md:7:1"},
		// Translated from an older source: a sentence the source no
		// longer says (by span id and position), an operation it lacks.
		{"pt-BR", api + "widget-list.md", "translation-sentence-outdated", "", "", "Read the properties of all widgets.", "testdata/drift/pt-BR/" + api + "widget-list.md:13:1"},
		{"pt-BR", api + "widget-list.md", "translation-operation-missing", "GET /me/widgets", "GET /me/widgets", "", "testdata/drift/pt-BR/" + api + "widget-list.md:25:1"},
		{"pt-BR", api + "widget-paint.md", "translation-source-missing", "", "", "", "testdata/drift/pt-BR/" + api + "widget-paint.md:9:1"},
		{"ru-RU", api + "widget-delete.md", "translation-missing", "", "", "", "testdata/drift/en/" + api + "widget-delete.md:7:1"},
		// A plain page whose scope name machine translation broke.
		{"ru-RU", api + "widget-get.md", "translation-permission-damaged", "",
			"delegated (work or school account): Widget.Read.All, Widget.ReadWrite.All",
			"delegated (work or school account): Widget.ReadWrite.All", "testdata/drift/ru-RU/" + api + "widget-get.md:20:1"},
		{"ru-RU", api + "widget-list.md", "translation-missing", "", "", "", "testdata/drift/en/" + api + "widget-list.md:7:1"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	wantSums := []LocaleSummary{
		{Locale: "pt-BR", Tree: "testdata/drift/pt-BR", Pages: 3, Paired: 2, Current: 1, Stale: 1, Missing: 1, Orphaned: 1},
		{Locale: "ru-RU", Tree: "testdata/drift/ru-RU", Pages: 1, Paired: 1, Damaged: 1, Missing: 2},
	}
	if d := cmp.Diff(wantSums, sums); d != "" {
		t.Errorf("summaries (-want +got):\n%s", d)
	}
	// A translation compared with itself as source reports nothing stale.
	self := load(t, nil, "testdata/drift/pt-BR", "testdata/drift/pt-BR")
	if fs, _ := Drift(self[0], self[1:]); len(fs) > 0 {
		t.Errorf("a tree against itself: %d findings, first %s", len(fs), textLine(fs[0]))
	}
	var b bytes.Buffer
	if err := WriteSummaries(&b, sums); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, FormatMarkdown, "Findings", fs); err != nil {
		t.Fatal(err)
	}
	goldentest.Check(t, filepath.Join("..", "..", "golden", "apidiff", "drift.markdown"), b.Bytes())
}

// TestCorpusDrift: the es-ES recoverPasscode page (2018) is stale against
// today's source, with the paths it lacks named; against the very source
// it was translated from, the es-ES and pt-BR trees report (almost)
// nothing stale.
func TestCorpusDrift(t *testing.T) {
	root := "../../../shared/corpus"
	if _, err := os.Stat(filepath.Join(root, "en-US-source-of-es-ES")); err != nil {
		t.Skipf("corpus not unpacked at %s: %v", root, err)
	}
	page := "api-reference/beta/api/intune-devices-manageddevice-recoverpasscode.md"
	trees := load(t, []string{page}, filepath.Join(root, "en-US"), filepath.Join(root, "es-ES"))
	fs, sums := Drift(trees[0], trees[1:])
	if sums[0].Stale != 1 {
		t.Errorf("recoverPasscode es-ES: %+v, want stale", sums[0])
	}
	missing := map[string]bool{}
	for _, f := range fs {
		if f.Check.ID == "translation-operation-missing" {
			missing[f.Operation] = true
		}
	}
	for _, op := range []string{
		"POST /deviceManagement/comanagedDevices/{managedDeviceId}/recoverPasscode",
		"POST /deviceManagement/deviceHealthScripts/{deviceHealthScriptId}/deviceRunStates/{deviceHealthScriptDeviceStateId}/managedDevice/recoverPasscode",
		"POST /deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}/deviceRunStates/{deviceComplianceScriptDeviceStateId}/managedDevice/recoverPasscode",
	} {
		if !missing[op] {
			t.Errorf("recoverPasscode es-ES: %s not named missing; missing: %v", op, missing)
		}
	}
	if testing.Short() {
		return
	}
	for _, loc := range []string{"es-ES", "pt-BR"} {
		trees := load(t, []string{"api-reference/v1.0/api"}, filepath.Join(root, "en-US-source-of-"+loc), filepath.Join(root, loc))
		_, sums := Drift(trees[0], trees[1:])
		s := sums[0]
		t.Logf("%s v1.0 api against its own source: %s", loc, s)
		if s.Stale*200 > s.Paired {
			t.Errorf("%s against its own source: %d of %d pages stale (more than 0.5%%)", loc, s.Stale, s.Paired)
		}
	}
}
