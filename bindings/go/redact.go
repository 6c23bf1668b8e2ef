// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Printing the types that carry a secret (Options, ImportRequest and the
// SDK-style option types) shows every field but the secrets.
//
// The secrets are tagged in their struct: `mip:"secret"` for a field that is
// a secret as a whole (a token, an API key, a storage secret key), shown as
// "***" when set and "" when not; `mip:"url"` for a URL that may carry
// "user:password@", shown with its user information masked. The methods
// walk the fields by reflection, so a field added later is shown (and a
// secret added later is hidden as soon as it is tagged: a test checks the
// tags by the fields' names).
//
// String, GoString and Format have value receivers: fmt finds them on a
// value as well as on a pointer, also inside a struct, a slice, a map or an
// interface, at any depth. Format takes every verb, so that none (%d, %x
// ...) falls back to printing the fields one by one. One case is beyond
// any method: fmt prints an unexported struct field without calling its
// methods, so a value kept in an unexported field of another struct is
// printed raw when that struct is.

// redacted writes the fields of v, a struct, without its secrets: as %+v
// does ("{Name:value Name:value}") or, for goSyntax, as %#v does
// ("mip.T{Name:"value", Name:"value"}").
func redacted(v reflect.Value, goSyntax bool) string {
	t := v.Type()
	var b strings.Builder
	if goSyntax {
		b.WriteString(t.String()) // "mip.ImportRequest": the package's name, then the type's
	}
	b.WriteByte('{')
	first := true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.PkgPath != "" { // unexported: none today, and never to be shown
			continue
		}
		if !first {
			if goSyntax {
				b.WriteString(", ")
			} else {
				b.WriteByte(' ')
			}
		}
		first = false
		b.WriteString(f.Name)
		b.WriteByte(':')
		fv := v.Field(i)
		switch f.Tag.Get("mip") {
		case "secret":
			shown := ""
			if fv.Len() > 0 {
				shown = "***"
			}
			writeString(&b, shown, goSyntax)
		case "url":
			writeString(&b, maskURL(fv.String()), goSyntax)
		default:
			writeValue(&b, fv, goSyntax)
		}
	}
	b.WriteByte('}')
	return b.String()
}

func writeString(b *strings.Builder, s string, goSyntax bool) {
	if goSyntax {
		b.WriteString(strconv.Quote(s))
	} else {
		b.WriteString(s)
	}
}

// writeValue writes a field holding no secret. A *bool (AutoCommit) is
// written as its value: its address would say nothing.
func writeValue(b *strings.Builder, fv reflect.Value, goSyntax bool) {
	if fv.Kind() == reflect.Ptr && fv.Type().Elem().Kind() == reflect.Bool {
		switch {
		case fv.IsNil() && goSyntax:
			b.WriteString("nil")
		case fv.IsNil():
			b.WriteString("<nil>")
		default:
			b.WriteString(strconv.FormatBool(fv.Elem().Bool()))
		}
		return
	}
	if goSyntax {
		fmt.Fprintf(b, "%#v", fv.Interface())
	} else {
		fmt.Fprintf(b, "%v", fv.Interface())
	}
}

// maskURL hides the user information of a URL ("scheme://user:password@host
// ..." or "user:password@host..."): the password becomes "***", and so does
// user information without a colon, which may be a token. Everything up to
// the last "@" counts as user information, so that a password holding "/",
// "?" or "@" is hidden whole; a URL with an "@" in its path is masked more
// than it needs, which is the safe side.
func maskURL(u string) string {
	rest := u
	scheme := ""
	if i := strings.Index(u, "://"); i >= 0 {
		scheme, rest = u[:i+3], u[i+3:]
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return u
	}
	user := rest[:at]
	if colon := strings.IndexByte(user, ':'); colon >= 0 {
		user = user[:colon+1] + "***"
	} else {
		user = "***"
	}
	return scheme + user + rest[at:]
}

// formatRedacted is the Format method of the types with secrets. %v, %+v
// and %s print String, %#v GoString; %q, %x and %X format String's text as
// they would a string; any other verb says it is wrong for the type, as fmt
// does, with String's text in place of the fields.
func formatRedacted(f fmt.State, verb rune, str, goStr func() string) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = io.WriteString(f, goStr())
			return
		}
		fmt.Fprintf(f, directive(f, 's'), str())
	case 's', 'q', 'x', 'X':
		fmt.Fprintf(f, directive(f, verb), str())
	default:
		fmt.Fprintf(f, "%%!%c(%s)", verb, str())
	}
}

// directive rebuilds the flags, width and precision of f around verb
// (fmt.FormatString does this from Go 1.20 on; the module says 1.19).
func directive(f fmt.State, verb rune) string {
	var b strings.Builder
	b.WriteByte('%')
	for _, flag := range "-+# 0" {
		if f.Flag(int(flag)) {
			b.WriteRune(flag)
		}
	}
	if w, ok := f.Width(); ok {
		b.WriteString(strconv.Itoa(w))
	}
	if p, ok := f.Precision(); ok {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(p))
	}
	b.WriteRune(verb)
	return b.String()
}
