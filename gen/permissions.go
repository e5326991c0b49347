package gen

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// This file emits permissions_gen.go: the documented permissions of every
// method as one string constant, PermissionTable, in the format the
// runtime's ParsePermissionTable reads (gen/runtime/permissions.go). One
// constant costs the compiler next to nothing, whatever the number of
// methods, and tools read it from a package's export data. The runtime
// parses it on first use (PermissionsFor, a 401 or 403, WithPermissionCheck).

// permissionTableFile is the runtime's placeholder for PermissionTable,
// which the generator replaces by permissions_gen.go.
const permissionTableFile = "permission_table.go"

// permissionTableMagic starts the table; the runtime checks it.
const permissionTableMagic = "docs2go permissions v1"

// permissionsFile is the package's PermissionTable.
func (g *pkgGen) permissionsFile() *jen.File {
	f := jen.NewFile(g.name)
	f.HeaderComment(strings.TrimPrefix(header, "// "))
	f.Comment("PermissionTable holds the permissions the reference pages document for every Client")
	f.Comment("method, in the format ParsePermissionTable reads: one line per method, tab-separated:")
	f.Comment("method, operation, then the delegated (work or school account), delegated (personal")
	f.Comment("Microsoft account) and application permissions, each least privileged first and")
	f.Comment("space-separated, \"-\" when not supported, \"?\" when the page does not say. Read it with")
	f.Comment("PermissionsFor; docs2go permissions reads it to tell an app what to ask for.")
	f.Const().Id("PermissionTable").Op("=").Add(rawString(permissionTable(g.ops)))
	return f
}

// permissionTable renders the table of ops, sorted by method name.
func permissionTable(ops []*operation) string {
	sorted := slices.Clone(ops)
	slices.SortFunc(sorted, func(a, b *operation) int { return cmp.Compare(a.name, b.name) })
	var b strings.Builder
	b.WriteString(permissionTableMagic + "\n")
	for _, o := range sorted {
		p := pagePermissions(o)
		b.WriteString(o.name + "\t" + tableText(string(o.op.Method)+" "+o.op.Path))
		for _, list := range [][]string{p.DelegatedWork, p.DelegatedPersonal, p.Application} {
			b.WriteString("\t" + permissionField(list))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// permissionField is one kind's field: "?" not documented, "-" not
// supported, else the scopes in the page's order. Names that no token could
// carry (white space, control characters, a backquote, the markers) are
// left out, and repeats keep their first place.
func permissionField(list []string) string {
	if list == nil {
		return "?"
	}
	var keep []string
	for _, s := range list {
		if validScope(s) && !slices.Contains(keep, s) {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 {
		return "-"
	}
	return strings.Join(keep, " ")
}

// validScope reports whether s can be a permission name in the table.
func validScope(s string) bool {
	if s == "" || s == "-" || s == "?" {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '`' || r == '\uFFFD' {
			return false
		}
	}
	return true
}

// tableText makes docs text one table field: sanitized to one line (tabs
// become spaces), without backquotes.
func tableText(s string) string {
	return strings.ReplaceAll(sanitize(s), "`", "'")
}

// rawString is a Go raw string literal holding s, which must hold no
// backquote or carriage return (the table's fields are built so). jennifer
// has no raw literal, so the token is written as is.
func rawString(s string) jen.Code {
	if strings.ContainsAny(s, "`\r") {
		return jen.Lit(s)
	}
	return jen.Id("`" + s + "`")
}

// pagePermissions reads the permissions an operation's page documents.
// Permissions are per page today; kept in one place so that moving them
// onto operations touches only this.
func pagePermissions(o *operation) parser.Permissions { return o.page.Permissions }
