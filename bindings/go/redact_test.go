// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Printing or marshalling a type that carries a secret never shows the
// secret: as a value or a pointer, alone or inside structs, slices, arrays,
// maps and interfaces, with any verb. Checks are on the text and never
// print it: a failure names the case only.

// The secrets, each long and distinct so that a match can only be a leak.
const (
	tokenSecret  = "tok-SECRET-1f4e9a7c2b5d8e0f"
	apiKeySecret = "api-SECRET-6d2c8b0a4e7f1935"
	storeSecret  = "sk-SECRET-93b1d7e5c0a2f846"
	urlPassword  = "pw-SECRET-0c7a5e3b9d1f2468"
	proxyPass    = "px-SECRET-5e8f2a6c0d4b7193"
)

var allSecrets = []string{tokenSecret, apiKeySecret, storeSecret, urlPassword, proxyPass}

// secretValues returns one value of every exported type that holds a
// secret, every secret set, with non-secret fields that printing must keep.
func secretValues() []interface{} {
	on := false
	withPass := "https://root:" + urlPassword + "@db.example:19530/prefix"
	return []interface{}{
		Options{Endpoint: withPass, Token: tokenSecret, ClusterID: "in01-visible", Timeout: time.Second,
			Proxy: "http://user:" + proxyPass + "@proxy:3128", UserAgent: "agent-visible"},
		ImportRequest{CollectionName: "coll-visible", Files: [][]string{{"a.parquet"}}, AutoCommit: &on,
			AccessKey: "AKIA-visible", SecretKey: storeSecret, IdempotencyKey: "idem-visible"},
		GetImportProgressOption{URL: withPass, JobID: "job-visible", APIKey: apiKeySecret},
		BulkImportOption{URL: withPass, CollectionName: "coll-visible", APIKey: apiKeySecret,
			AccessKey: "AKIA-visible", SecretKey: storeSecret, AutoCommit: &on},
		ListImportJobsOption{URL: withPass, CollectionName: "coll-visible", APIKey: apiKeySecret},
		CommitImportOption{URL: withPass, JobID: "job-visible", APIKey: apiKeySecret},
	}
}

// leaks reports whether s shows a secret, as itself or hex-encoded (%x).
func leaks(s string) bool {
	for _, secret := range allSecrets {
		if strings.Contains(s, secret) || strings.Contains(strings.ToLower(s), hex.EncodeToString([]byte(secret))) {
			return true
		}
	}
	return false
}

// shown is s for a failure message, or a note when s shows a secret (which
// a failure message must not repeat).
func shown(s string) string {
	if leaks(s) {
		return "(withheld: it shows a secret)"
	}
	return s
}

// wrappings returns v in the shapes a program prints it in: value,
// pointer, fields of a struct (value, pointer, nested, embedded in an
// interface), slices, an array, maps.
func wrappings(v interface{}) map[string]interface{} {
	rv := reflect.ValueOf(v)
	ptr := reflect.New(rv.Type())
	ptr.Elem().Set(rv)
	p := ptr.Interface()
	type holder struct {
		Value interface{}
		Ptr   interface{}
	}
	type nested struct {
		Inner holder
		List  []interface{}
	}
	// A struct field of the type itself (not of interface type).
	field := reflect.New(reflect.StructOf([]reflect.StructField{
		{Name: "Typed", Type: rv.Type()}, {Name: "TypedPtr", Type: ptr.Type()},
	})).Elem()
	field.Field(0).Set(rv)
	field.Field(1).Set(ptr)
	slice := reflect.MakeSlice(reflect.SliceOf(rv.Type()), 0, 2)
	slice = reflect.Append(slice, rv, rv)
	ptrSlice := reflect.MakeSlice(reflect.SliceOf(ptr.Type()), 0, 1)
	ptrSlice = reflect.Append(ptrSlice, ptr)
	array := reflect.New(reflect.ArrayOf(1, rv.Type())).Elem()
	array.Index(0).Set(rv)
	m := reflect.MakeMap(reflect.MapOf(reflect.TypeOf(""), rv.Type()))
	m.SetMapIndex(reflect.ValueOf("k"), rv)
	pm := reflect.MakeMap(reflect.MapOf(reflect.TypeOf(""), ptr.Type()))
	pm.SetMapIndex(reflect.ValueOf("k"), ptr)
	return map[string]interface{}{
		"value":          v,
		"pointer":        p,
		"typed fields":   field.Interface(),
		"holder":         holder{Value: v, Ptr: p},
		"holder pointer": &holder{Value: v, Ptr: p},
		"nested":         nested{Inner: holder{Value: v, Ptr: p}, List: []interface{}{v, p}},
		"slice":          slice.Interface(),
		"pointer slice":  ptrSlice.Interface(),
		"array":          array.Interface(),
		"map":            m.Interface(),
		"pointer map":    pm.Interface(),
		"interface map":  map[string]interface{}{"v": v, "p": p},
	}
}

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%20v", "%-8s", "%.3s", "%+q"}

func TestSecretsNeverPrinted(t *testing.T) {
	for _, v := range secretValues() {
		name := reflect.TypeOf(v).Name()
		for shape, w := range wrappings(v) {
			for _, verb := range verbs {
				if leaks(fmt.Sprintf(verb, w)) {
					t.Errorf("%s as %s printed with %s shows a secret", name, shape, verb)
				}
			}
			if leaks(fmt.Sprint(w)) || leaks(fmt.Sprintln(w)) || leaks(fmt.Errorf("failed with %v", w).Error()) {
				t.Errorf("%s as %s printed with Sprint/Sprintln shows a secret", name, shape)
			}
		}
	}
}

// The value receivers are what make a value print like a pointer: check
// them as such, so that a pointer receiver coming back fails here.
func TestPrintMethodsHaveValueReceivers(t *testing.T) {
	for _, v := range secretValues() {
		typ := reflect.TypeOf(v)
		for _, m := range []string{"String", "GoString", "Format"} {
			if _, ok := typ.MethodByName(m); !ok {
				t.Errorf("%s has no %s with a value receiver", typ.Name(), m)
			}
		}
		if _, ok := v.(fmt.Stringer); !ok {
			t.Errorf("a %s value is no fmt.Stringer", typ.Name())
		}
		if _, ok := v.(fmt.GoStringer); !ok {
			t.Errorf("a %s value is no fmt.GoStringer", typ.Name())
		}
	}
}

// Printing keeps what is not secret, says which secrets are set ("***") and
// which are not (""), and shows AutoCommit's value, not its address.
func TestPrintedShowsTheRest(t *testing.T) {
	for _, v := range secretValues() {
		name := reflect.TypeOf(v).Name()
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			s := fmt.Sprintf(verb, v)
			if !strings.Contains(s, "visible") || !strings.Contains(s, "***") {
				t.Errorf("%s with %s: the rest or the mask is missing: %s", name, verb, shown(s))
			}
			if strings.Contains(s, "0xc") {
				t.Errorf("%s with %s shows an address: %s", name, verb, shown(s))
			}
		}
		if s := fmt.Sprintf("%#v", v); !strings.HasPrefix(s, "mip."+name+"{") {
			t.Errorf("%%#v of %s: %s", name, shown(s))
		}
	}
	on := false
	r := ImportRequest{CollectionName: "c", AutoCommit: &on}
	if s := fmt.Sprintf("%+v", r); !strings.Contains(s, "AutoCommit:false") || !strings.Contains(s, "SecretKey: ") {
		t.Errorf("%s", s)
	}
	if s := fmt.Sprintf("%#v", ImportRequest{}); !strings.Contains(s, `AutoCommit:nil`) || !strings.Contains(s, `SecretKey:""`) {
		t.Errorf("%s", s)
	}
	if s := fmt.Sprintf("%v", Options{Endpoint: "http://h:1"}); !strings.Contains(s, "Endpoint:http://h:1 ") || strings.Contains(s, "***") {
		t.Errorf("%s", s)
	}
	var nilReq *ImportRequest
	var nilOpt *BulkImportOption
	if s := fmt.Sprintf("%v %+v %#v %s", nilReq, nilReq, nilOpt, nilOpt); s != "<nil> <nil> <nil> <nil>" {
		t.Errorf("nil pointers print %q", s)
	}
}

// Every field whose name says it is a secret is tagged as one, and every
// URL as a URL: the tags are what printing goes by, so a secret field added
// without its tag fails here.
func TestSecretFieldsAreTagged(t *testing.T) {
	secretName := regexp.MustCompile(`(?i)token|secret|password|apikey`)
	urlName := regexp.MustCompile(`^(URL|Endpoint|Proxy)$`)
	for _, v := range secretValues() {
		typ := reflect.TypeOf(v)
		secrets := 0
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := f.Tag.Get("mip")
			switch {
			case secretName.MatchString(f.Name) && tag != "secret":
				t.Errorf("%s.%s is not tagged mip:\"secret\"", typ.Name(), f.Name)
			case urlName.MatchString(f.Name) && tag != "url":
				t.Errorf("%s.%s is not tagged mip:\"url\"", typ.Name(), f.Name)
			case tag == "secret":
				secrets++
				if f.Type.Kind() != reflect.String || f.Tag.Get("json") != "-" {
					t.Errorf("%s.%s: a secret must be a string that JSON leaves out", typ.Name(), f.Name)
				}
			}
		}
		if secrets == 0 {
			t.Errorf("%s has no secret", typ.Name())
		}
	}
}

// JSON leaves the secrets out and masks a password in a URL; Options reads
// no token from JSON either.
func TestSecretsNeverMarshalled(t *testing.T) {
	for _, v := range secretValues() {
		name := reflect.TypeOf(v).Name()
		for shape, w := range wrappings(v) {
			b, err := json.Marshal(w)
			if err != nil {
				t.Fatalf("%s as %s: %v", name, shape, err)
			}
			if leaks(string(b)) {
				t.Errorf("%s as %s marshals a secret", name, shape)
			}
		}
	}
	b, _ := json.Marshal(Options{Endpoint: "https://u:" + urlPassword + "@h", Proxy: "http://p:3128", CAFile: "/ca.pem"})
	if !strings.Contains(string(b), `"Endpoint":"https://u:***@h"`) || !strings.Contains(string(b), `"Proxy":"http://p:3128"`) ||
		!strings.Contains(string(b), `"CAFile":"/ca.pem"`) || strings.Contains(string(b), "Token") {
		t.Errorf("options marshal as %s", shown(string(b)))
	}
	var o Options
	if err := json.Unmarshal([]byte(`{"Endpoint":"http://h","Token":"t"}`), &o); err != nil || o.Endpoint != "http://h" || o.Token != "" {
		t.Errorf("unmarshalled %v, %v", o, err)
	}
}

func TestMaskURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"http://localhost:19530":           "http://localhost:19530",
		"https://h/prefix":                 "https://h/prefix",
		"https://root:Milvus@h:19530/p":    "https://root:***@h:19530/p",
		"root:Milvus@h":                    "root:***@h",
		"https://TOKEN@h":                  "https://***@h",
		"http://u:p@ss/w?rd@proxy:3128":    "http://u:***@proxy:3128",
		"http://u:@h":                      "http://u:***@h",
		"https://h/path@v1":                "https://***@v1", // masked more than needed, on the safe side
		"http://[fe80::1%25eth0]:19530/x":  "http://[fe80::1%25eth0]:19530/x",
		"socks5h://user:pa:ss@proxy:1080/": "socks5h://user:***@proxy:1080/",
	} {
		if got := maskURL(in); got != want {
			t.Errorf("maskURL(%q) = %q, want %q", in, got, want)
		}
	}
}
