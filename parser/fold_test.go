package parser

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// foldReference is folding written plainly, rune by rune: runs of white
// space (of ASCII, only space, tab, CR and LF: markdown's) become one
// space, trimmed at both ends; invisible marks are dropped; invalid bytes
// read as U+FFFD.
func foldReference(b []byte) string {
	var out []rune
	space := false
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r', r >= utf8.RuneSelf && unicode.IsSpace(r):
			space = true
		case isInvisibleMark(r):
		default:
			if space && len(out) > 0 {
				out = append(out, ' ')
			}
			space = false
			out = append(out, r)
		}
	}
	return string(out)
}

// foldCases hold every kind of rune folding treats apart, next to the
// ordinary ones it copies in runs.
var foldCases = []string{
	"", " ", "a", " a ", "a  b", "a\tb\nc\rd", "Olá, mundo: ação é ótima.",
	"x\u00a0y", "x\u0085y", "a \u00a0 b", "\u00c0\u00ff\u07ff", "x\u2003y", "x\u3000y", "x\u1680y",
	"id\u200b\u200e\u200f", "\u202aname\u202c", "\u2066x\u2069", "\ufeffx",
	"\xff\xfe", "a\xc3", "a\xc3 b", "\xc3\xa9\xc3", "é \xe2\x80", "α β γ", "Привет мир", "שלום", "مرحبا بالعالم",
	"日本語 のテキスト", "emoji 😀 ok", "a\vb\fc", " é", "é ", "a \xc3\xa9", "a é b  c",
}

func TestFoldMatchesReference(t *testing.T) {
	cases := append([]string{
		"abcdefg hijklmno", "abcdefgh ijklmno", "abcdefg  hijklmn", "abcdef  ghijklmnop", " abcdefgh", "abcdefgh ",
		"a b c d e f g h i j", "abcdefg\thijklmno", "abcdefg\x00hijklmn", "abcdefg\x7fhijklmn", "abcdefgé hijklmn",
	}, foldCases...)
	for _, c := range cases {
		// Every place of the text in the eight-byte words.
		for shift := range 9 {
			for _, s := range []string{strings.Repeat("x", shift) + c, strings.Repeat(" ", shift) + c + strings.Repeat(" ", shift)} {
				if got, want := string(appendFolded(nil, []byte(s))), foldReference([]byte(s)); got != want {
					t.Errorf("fold(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, c := range foldCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendFolded([]byte("prefix"), []byte(s)))[len("prefix"):], foldReference([]byte(s)); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	for _, c := range []struct{ lang, sentence string }{
		{"pt", "Obtém as propriedades e relações de um objeto de ação específico. "},
		{"en", "Get the properties and relationships of an action object. "},
	} {
		b.Run(c.lang, func(b *testing.B) {
			text := []byte(strings.Repeat(c.sentence, 40))
			out := make([]byte, 0, len(text))
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				out = appendFolded(out[:0], text)
			}
		})
	}
}

// identifierReference is identifierBytes byte by byte.
func identifierReference(b []byte) bool {
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9', c == '`':
			return true
		case c == '.' && i+1 < len(b) && (b[i+1] >= 'A' && b[i+1] <= 'Z' || b[i+1] >= 'a' && b[i+1] <= 'z'):
			return true
		}
	}
	return false
}

func TestIdentifierBytes(t *testing.T) {
	for _, s := range []string{"", "sem nada aqui, só texto.", "versão 2", "use `x`", "em user.Read", "fim. Outro", "a.", ".b",
		"0", "9", "/", ":", "_", "@", "a b c d e f g h i j k l m n o p 7", "açãoàáâãäåæçèéêëìíîïðñòóôõö÷ø.x", "\x80\xff\x2f\x3a\x5f\x61"} {
		for shift := range 9 {
			b := []byte(strings.Repeat("x", shift) + s)
			if got, want := identifierBytes(b), identifierReference(b); got != want {
				t.Errorf("identifierBytes(%q) = %v, want %v", b, got, want)
			}
		}
	}
	// Every byte value at every place of a word.
	for c := range 256 {
		for at := range 8 {
			b := []byte("xxxxxxxxyyyyyyyy")
			b[at] = byte(c)
			if got, want := identifierBytes(b), identifierReference(b); got != want {
				t.Errorf("identifierBytes(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

func FuzzIdentifierBytes(f *testing.F) {
	f.Add([]byte("objeto de ação user.Read 2"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := identifierBytes(b), identifierReference(b); got != want {
			t.Errorf("identifierBytes(%q) = %v, want %v", b, got, want)
		}
	})
}

func BenchmarkIdentifierBytes(b *testing.B) {
	text := []byte(strings.Repeat("Obtém as propriedades e relações de um objeto de ação específico, ", 2))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		identifierBytes(text)
	}
}
