package schema

import "github.com/docs2go/docs2go/parser/diag"

// The rules of type resolution, GEN4xxx (the IDs they had when the code
// generator resolved types; IDs are stable: never renumber or reuse one).
var (
	ruleUnknownType = diag.Register(diag.Rule{
		ID: "GEN4001", Name: "unknown-type", Severity: diag.Warning, Stage: "schema",
		Summary: "a referenced type is not documented by any page of the version",
		Doc:     "A property, body or response names a type with no resource or enum page in the same API version; the client falls back to raw JSON for it.",
		Bad:     "| owner | [identitySet2](identityset2.md) | … |",
		Good:    "| owner | [identitySet](identityset.md) | … |",
	})
	ruleUntyped = diag.Register(diag.Rule{
		ID: "GEN4002", Name: "untyped-property", Severity: diag.Warning, Stage: "schema",
		Summary: "a property has no documented type",
		Doc:     "A property row without a type cell cannot be typed; the client keeps it as raw JSON.",
		Bad:     "| displayName | | The name. |",
		Good:    "| displayName | String | The name. |",
	})
	ruleBadProperty = diag.Register(diag.Rule{
		ID: "GEN4003", Name: "property-name", Severity: diag.Warning, Stage: "schema",
		Summary: "a property name cannot be a JSON member name",
		Doc:     "Property names are JSON member names. A name with spaces or markup is kept in AdditionalData instead of a field.",
		Bad:     "| display name | String | … |",
		Good:    "| displayName | String | … |",
	})
	ruleUnknownBase = diag.Register(diag.Rule{
		ID: "GEN4004", Name: "unknown-base-type", Severity: diag.Warning, Stage: "schema",
		Summary: "the base type is not documented",
		Doc:     "A resource inherits from a base type with no page in the version; the base type's properties are missing from the model.",
		Bad:     "Inherits from [outlookItem2](outlookitem2.md).",
		Good:    "Inherits from [outlookItem](outlookitem.md).",
	})
	ruleBaseCycle = diag.Register(diag.Rule{
		ID: "GEN4005", Name: "base-type-cycle", Severity: diag.Warning, Stage: "schema",
		Summary: "base types form a cycle",
		Doc:     "A type that inherits, directly or not, from itself cannot be embedded; the cycle is broken where it closes.",
		Bad:     "message.md: Inherits from [event](event.md).\nevent.md: Inherits from [message](message.md).",
		Good:    "message.md: Inherits from [outlookItem](outlookitem.md).",
	})
)
