package parser

import "testing"

func TestHasCollectionWord(t *testing.T) {
	for s, want := range map[string]bool{
		"string collection":                  true,
		"collection(microsoft.graph.user)":   true,
		"a collection of user objects":       true,
		"collections of widgets":             true,
		"microsoft.graph.widget collection.": true,
		"collection":                         true,
		"sourcecollection":                   false,
		"a sourcecollection object":          false,
		"devicemanagementconfigurationsimplesettingcollectiondefinition": false,
		"microsofttunnellogcollectionstatus object":                      false,
		"collection_id":         false,
		"collection2":           false,
		"recollection":          false,
		"a list of widgets":     false,
		"":                      false,
		"collectionscollection": false,
	} {
		if got := hasCollectionWord(s); got != want {
			t.Errorf("hasCollectionWord(%q) = %v, want %v", s, got, want)
		}
	}
}
