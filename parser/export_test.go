package parser

// Markdown is the goldmark instance Parse uses (goldmark with tables and
// the span extension), for the stage benchmarks of bench_test.go.
var Markdown = markdown

// WithoutShortcuts and FullTree serve the corpus test of the shortcuts.
var (
	WithoutShortcuts = withoutShortcuts
	FullTree         = fullTree
)
