package graphrt

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDateTimeOffset(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
		out  string
	}{
		{"2021-03-01T10:00:00Z", utc(2021, 3, 1, 10, 0, 0, 0), "2021-03-01T10:00:00Z"},
		{"2021-03-01T10:00:00.1234567Z", utc(2021, 3, 1, 10, 0, 0, 123456700), "2021-03-01T10:00:00.1234567Z"},
		{"2021-03-01T10:00:00", utc(2021, 3, 1, 10, 0, 0, 0), "2021-03-01T10:00:00Z"},
		{"2021-03-01T10:00:00.5", utc(2021, 3, 1, 10, 0, 0, 500000000), "2021-03-01T10:00:00.5Z"},
		{"0001-01-01T00:00:00Z", time.Time{}, "0001-01-01T00:00:00Z"},
		{"2021-03-01T10:00:00-08:00", time.Date(2021, 3, 1, 10, 0, 0, 0, time.FixedZone("", -8*3600)), "2021-03-01T10:00:00-08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var d DateTimeOffset
			if err := json.Unmarshal([]byte(`"`+tt.in+`"`), &d); err != nil {
				t.Fatal(err)
			}
			if !d.Equal(tt.want) {
				t.Errorf("decoded %v, want %v", d.Time, tt.want)
			}
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != `"`+tt.out+`"` {
				t.Errorf("encoded %s, want %q", b, tt.out)
			}
			var again DateTimeOffset
			if err := json.Unmarshal(b, &again); err != nil || !again.Equal(d.Time) {
				t.Errorf("round trip: %v, %v", again, err)
			}
		})
	}
	for _, bad := range []string{`"yesterday"`, `"2021-13-01T00:00:00Z"`, `12`} {
		var d DateTimeOffset
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s decoded without error as %v", bad, d)
		}
	}
}

func TestDateAndTimeOfDay(t *testing.T) {
	var d Date
	if err := json.Unmarshal([]byte(`"2021-03-01"`), &d); err != nil {
		t.Fatal(err)
	}
	if d != (Date{2021, time.March, 1}) {
		t.Errorf("Date decoded as %+v", d)
	}
	if b, _ := json.Marshal(d); string(b) != `"2021-03-01"` {
		t.Errorf("Date encoded as %s", b)
	}
	if err := json.Unmarshal([]byte(`"2021-02-30"`), &d); err == nil {
		t.Error("2021-02-30 decoded without error")
	}

	tests := []struct {
		in   string
		want TimeOfDay
		out  string
	}{
		{"13:45:00.0000000", TimeOfDay{13, 45, 0, 0}, "13:45:00"},
		{"08:00:00", TimeOfDay{8, 0, 0, 0}, "08:00:00"},
		{"23:59:59.1234567", TimeOfDay{23, 59, 59, 123456700}, "23:59:59.1234567"},
		{"07:30", TimeOfDay{7, 30, 0, 0}, "07:30:00"},
	}
	for _, tt := range tests {
		var got TimeOfDay
		if err := json.Unmarshal([]byte(`"`+tt.in+`"`), &got); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("%s decoded as %+v, want %+v", tt.in, got, tt.want)
		}
		b, _ := json.Marshal(got)
		if string(b) != `"`+tt.out+`"` {
			t.Errorf("%s encoded as %s, want %q", tt.in, b, tt.out)
		}
		var again TimeOfDay
		if err := json.Unmarshal(b, &again); err != nil || again != got {
			t.Errorf("%s round trip gave %+v, %v", tt.in, again, err)
		}
	}
	if err := json.Unmarshal([]byte(`"25:00:00"`), new(TimeOfDay)); err == nil {
		t.Error("25:00:00 decoded without error")
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		out  string
	}{
		{"PT1H30M", 90 * time.Minute, "PT1H30M"},
		{"P1D", 24 * time.Hour, "P1D"},
		{"-PT5S", -5 * time.Second, "-PT5S"},
		{"PT0S", 0, "PT0S"},
		{"P1DT2H3M4.5S", 26*time.Hour + 3*time.Minute + 4500*time.Millisecond, "P1DT2H3M4.5S"},
		{"P2W", 14 * 24 * time.Hour, "P14D"},
		{"PT90M", 90 * time.Minute, "PT1H30M"},
		{"P1Y", 365 * 24 * time.Hour, "P365D"},
		{"PT0.0000001S", 100 * time.Nanosecond, "PT0.0000001S"},
		// .NET's TimeSpan.MaxValue and MinValue ("never"), as Graph sends
		// them: held as the longest durations and sent back unchanged.
		{"P10675199DT2H48M5.4775807S", time.Duration(math.MaxInt64), "P10675199DT2H48M5.4775807S"},
		{"-P10675199DT2H48M5.4775808S", time.Duration(math.MinInt64), "-P10675199DT2H48M5.4775808S"},
		// Anything else past ±292 years saturates.
		{"P300Y", time.Duration(math.MaxInt64), "P10675199DT2H48M5.4775807S"},
		{"-P300Y", time.Duration(math.MinInt64), "-P10675199DT2H48M5.4775808S"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var d Duration
			if err := json.Unmarshal([]byte(`"`+tt.in+`"`), &d); err != nil {
				t.Fatal(err)
			}
			if time.Duration(d) != tt.want {
				t.Errorf("decoded %v, want %v", time.Duration(d), tt.want)
			}
			b, _ := json.Marshal(d)
			if string(b) != `"`+tt.out+`"` {
				t.Errorf("encoded %s, want %q", b, tt.out)
			}
			var again Duration
			if err := json.Unmarshal(b, &again); err != nil || again != d {
				t.Errorf("round trip gave %v, %v", again, err)
			}
		})
	}
	for _, bad := range []string{"", "P", "PT", "1H", "PT1X", "P1H", "PT1H1H", "P-1D", "PTS"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) succeeded", bad)
		}
	}
}

type patch struct {
	Name  Optional[string]   `json:"name,omitzero"`
	Count Optional[int32]    `json:"count,omitzero"`
	Tags  Optional[[]string] `json:"tags,omitzero"`
}

func TestOptionalThreeStates(t *testing.T) {
	encode := []struct {
		name string
		in   patch
		want string
	}{
		{"absent", patch{}, `{}`},
		{"null", patch{Name: Null[string]()}, `{"name":null}`},
		{"zero", patch{Name: Some(""), Count: Some[int32](0), Tags: Some([]string{})}, `{"name":"","count":0,"tags":[]}`},
		{"value", patch{Count: Some[int32](3)}, `{"count":3}`},
	}
	for _, tt := range encode {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s: encoded %s, %v; want %s", tt.name, b, err, tt.want)
		}
	}

	var p patch
	if err := json.Unmarshal([]byte(`{"name":null,"count":0}`), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Name.IsNull() || p.Name.IsSet() || p.Name.IsZero() {
		t.Errorf("null name decoded as %v", p.Name)
	}
	if v, ok := p.Count.Get(); !ok || v != 0 || p.Count.IsNull() {
		t.Errorf("zero count decoded as %v", p.Count)
	}
	if !p.Tags.IsZero() || p.Tags.IsNull() || p.Tags.IsSet() {
		t.Errorf("absent tags decoded as %v", p.Tags)
	}
	if got := p.Name.String() + "," + p.Count.String() + "," + p.Tags.String(); got != "null,0,absent" {
		t.Errorf("String() = %q", got)
	}
	if err := json.Unmarshal([]byte(`{"count":"x"}`), &p); err == nil {
		t.Error("a string decoded into Optional[int32]")
	}
}

// Models as the generator writes them: a base type embedded in a derived
// one, every struct with its AdditionalData.
type entity struct {
	ID             Optional[string]           `json:"id,omitzero"`
	AdditionalData map[string]json.RawMessage `json:"-"`
}

type directoryObject struct {
	entity
	DeletedDateTime Optional[DateTimeOffset]   `json:"deletedDateTime,omitzero"`
	AdditionalData  map[string]json.RawMessage `json:"-"`
}

type emailAddress struct {
	Address        Optional[string]           `json:"address,omitzero"`
	AdditionalData map[string]json.RawMessage `json:"-"`
}

type modelUser struct {
	directoryObject
	DisplayName    Optional[string]           `json:"displayName,omitzero"`
	Manager        Optional[modelUser]        `json:"manager,omitzero"` // recursive through Optional
	Mail           Optional[emailAddress]     `json:"mail,omitzero"`
	Others         Optional[[]emailAddress]   `json:"others,omitzero"`
	AdditionalData map[string]json.RawMessage `json:"-"`
}

// withMarshaler shows why models carry no MarshalJSON of their own: the
// method of an embedded base is promoted and hides the derived fields.
type baseWithMarshaler struct{ A string }

func (b baseWithMarshaler) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"a": b.A})
}

type derivedOfMarshaler struct {
	baseWithMarshaler
	B string `json:"b"`
}

func TestEmbeddedMarshalerIsPromoted(t *testing.T) {
	b, _ := json.Marshal(derivedOfMarshaler{baseWithMarshaler{"x"}, "y"})
	if string(b) != `{"a":"x"}` {
		t.Fatalf("encoding/json changed: %s", b)
	}
	// The same shape without the method, as models are, keeps both levels.
	u := modelUser{DisplayName: Some("Ada")}
	u.ID = Some("1")
	u.entity.AdditionalData = map[string]json.RawMessage{"fromBase": []byte(`1`)} // hidden by modelUser's own
	u.AdditionalData = map[string]json.RawMessage{"@odata.type": []byte(`"#microsoft.graph.user"`)}
	got, err := marshalModel(&u)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"@odata.type":"#microsoft.graph.user","displayName":"Ada","id":"1"}`; string(got) != want {
		t.Errorf("marshalModel = %s, want %s", got, want)
	}
}

func TestUnknownPropertiesRoundTrip(t *testing.T) {
	in := `{
		"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
		"@odata.type": "#microsoft.graph.user",
		"id": "1",
		"deletedDateTime": null,
		"displayName": "Ada",
		"jobTitle": "Engineer",
		"extension_abc_skill": {"level": [1, 2]},
		"manager": {"id": "2", "displayName": "Grace", "officeLocation": "B1"},
		"mail": {"address": "ada@example.com", "name": "Ada"},
		"others": [{"address": "a@example.com", "kind": "work"}, {"address": "b@example.com"}]
	}`
	var u modelUser
	if err := unmarshalModel([]byte(in), &u); err != nil {
		t.Fatal(err)
	}
	if u.ID.Value() != "1" || u.DisplayName.Value() != "Ada" || !u.DeletedDateTime.IsNull() {
		t.Errorf("declared fields: %+v", u)
	}
	if len(u.AdditionalData) != 5 || string(u.AdditionalData["jobTitle"]) != `"Engineer"` || string(u.AdditionalData["deletedDateTime"]) != "null" {
		t.Errorf("AdditionalData = %s", u.AdditionalData)
	}
	if u.entity.AdditionalData != nil || u.directoryObject.AdditionalData != nil {
		t.Error("embedded bases got AdditionalData of their own")
	}
	if m := u.Manager.Value(); string(m.AdditionalData["officeLocation"]) != `"B1"` {
		t.Errorf("nested AdditionalData = %s", m.AdditionalData)
	}
	if o := u.Others.Value(); len(o) != 2 || string(o[0].AdditionalData["kind"]) != `"work"` || o[1].AdditionalData != nil {
		t.Errorf("AdditionalData in a collection: %+v", o)
	}
	out, err := marshalModel(u)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	json.Unmarshal([]byte(in), &want)
	json.Unmarshal(out, &got)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("round trip lost or changed members:\n in: %v\nout: %v", want, got)
	}

	// Without any extras, marshalModel is plain json.Marshal.
	plain, _ := marshalModel(modelUser{DisplayName: Some("x")})
	if string(plain) != `{"displayName":"x"}` {
		t.Errorf("plain = %s", plain)
	}
	// A member that a field declares is never duplicated from AdditionalData.
	dup := modelUser{DisplayName: Some("field"), AdditionalData: map[string]json.RawMessage{"displayName": []byte(`"extra"`)}}
	if b, _ := marshalModel(dup); string(b) != `{"displayName":"field"}` {
		t.Errorf("dup = %s", b)
	}
}

func TestUnmarshalModelThroughPage(t *testing.T) {
	var p page[directoryObject]
	body := `{"value":[{"@odata.type":"#microsoft.graph.user","id":"1","displayName":"Ada"}],"@odata.nextLink":"n"}`
	if err := unmarshalModel([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Value) != 1 || string(p.Value[0].AdditionalData["displayName"]) != `"Ada"` || p.NextLink != "n" {
		t.Fatalf("page = %+v", p)
	}

	modelFactory = func(odataType string) any {
		switch strings.TrimPrefix(odataType, "#") {
		case "microsoft.graph.user":
			return new(modelUser)
		case "microsoft.graph.directoryObject":
			return new(directoryObject)
		}
		return nil
	}
	defer func() { modelFactory = nil }()
	d, err := Derived(&p.Value[0])
	if err != nil {
		t.Fatal(err)
	}
	u, ok := d.(*modelUser)
	if !ok || u.DisplayName.Value() != "Ada" || u.ID.Value() != "1" || string(u.AdditionalData["@odata.type"]) != `"#microsoft.graph.user"` {
		t.Fatalf("Derived = %#v", d)
	}
	same := &directoryObject{AdditionalData: map[string]json.RawMessage{"@odata.type": []byte(`"#microsoft.graph.directoryObject"`)}}
	if d, err := Derived(same); d != any(same) || err != nil {
		t.Errorf("Derived of its own type = %v, %v", d, err)
	}
	unknown := &directoryObject{AdditionalData: map[string]json.RawMessage{"@odata.type": []byte(`"#microsoft.graph.nope"`)}}
	if d, err := Derived(unknown); d != any(unknown) || err != nil {
		t.Errorf("Derived of an unknown type = %v, %v", d, err)
	}
}

func BenchmarkUnmarshalModel(b *testing.B) {
	data := []byte(`{"value":[` + strings.Repeat(`{"id":"1","displayName":"Ada","mail":{"address":"a"},"x":1},`, 99) + `{"id":"2"}]}`)
	for b.Loop() {
		var p page[modelUser]
		if err := unmarshalModel(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// pointerModel is a model as the generator writes it: pointer fields, a
// declared null kept in AdditionalData.
type pointerModel struct {
	Name           *string                    `json:"name,omitempty"`
	Count          *int32                     `json:"count,omitempty"`
	Tags           []string                   `json:"tags,omitzero"`
	When           *DateTimeOffset            `json:"when,omitempty"`
	AdditionalData map[string]json.RawMessage `json:"-"`
}

func TestPointerModelThreeStates(t *testing.T) {
	encode := []struct {
		name string
		in   pointerModel
		want string
	}{
		{"absent", pointerModel{}, `{}`},
		{"null", pointerModel{AdditionalData: Nulls("name", "tags")}, `{"name":null,"tags":null}`},
		{"zero", pointerModel{Name: Ptr(""), Count: Ptr[int32](0), Tags: []string{}}, `{"name":"","count":0,"tags":[]}`},
		{"set wins over null", pointerModel{Name: Ptr("x"), AdditionalData: Nulls("name")}, `{"name":"x"}`},
		{"zero time", pointerModel{When: &DateTimeOffset{}}, `{"when":"0001-01-01T00:00:00Z"}`},
	}
	for _, tt := range encode {
		b, err := marshalModel(&tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s: encoded %s, %v; want %s", tt.name, b, err, tt.want)
		}
	}
	var p pointerModel
	in := `{"name":null,"count":0,"when":"2021-03-01T10:00:00"}`
	if err := unmarshalModel([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if p.Name != nil || string(p.AdditionalData["name"]) != "null" {
		t.Errorf("null name decoded as %v, %s", p.Name, p.AdditionalData)
	}
	if p.Count == nil || *p.Count != 0 {
		t.Errorf("zero count decoded as %v", p.Count)
	}
	if _, ok := p.AdditionalData["tags"]; ok || p.Tags != nil {
		t.Errorf("absent tags decoded as %v", p.Tags)
	}
	if out, _ := marshalModel(&p); string(out) != `{"count":0,"name":null,"when":"2021-03-01T10:00:00Z"}` {
		t.Errorf("round trip = %s", out)
	}
}
