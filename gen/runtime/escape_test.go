package graphrt

import "testing"

func TestEscapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"48d31887-5fad-4d73-a9f5-3c356e68a038", "48d31887-5fad-4d73-a9f5-3c356e68a038"},
		{"user@contoso.com", "user@contoso.com"},
		{"a/b", "a%2Fb"},
		{"a b", "a%20b"},
		{"a+b", "a+b"},
		{"a?b#c", "a%3Fb%23c"},
		{"100%", "100%25"},
		{"O'Neil", "O%27Neil"},
		{"AAMkAGI2TQ=", "AAMkAGI2TQ="},
		{"b!ZnRV-k_x", "b%21ZnRV-k_x"},
		{"ü", "%C3%BC"},
		{"..", ".."},
	}
	for _, tt := range tests {
		if got := escapePath(tt.in); got != tt.want {
			t.Errorf("escapePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestODataString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "%27%27"},
		{"D7", "%27D7%27"},
		{"O'Neil", "%27O%27%27Neil%27"},
		{"''", "%27%27%27%27%27%27"},
		{"a/b c", "%27a%2Fb%20c%27"},
		{"x#y?z", "%27x%23y%3Fz%27"},
		{"é", "%27%C3%A9%27"},
	}
	for _, tt := range tests {
		if got := odataString(tt.in); got != tt.want {
			t.Errorf("odataString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeItemPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"notes.txt", "notes.txt"},
		{"Documents/Reports/q1 notes.txt", "Documents/Reports/q1%20notes.txt"},
		{"a#b/c?d", "a%23b/c%3Fd"},
		{"100%/ü", "100%25/%C3%BC"},
		{"/Documents/", "/Documents/"},
		{"O'Neil:x", "O%27Neil:x"},
	}
	for _, tt := range tests {
		if got := escapeItemPath(tt.in); got != tt.want {
			t.Errorf("escapeItemPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
