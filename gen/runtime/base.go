// Package graphrt is the runtime of every client docs2go generates: the
// HTTP client, tokens, retries, paging and Graph errors. The generator
// copies these files into each generated package, so they use the
// standard library only.
package graphrt

// DefaultBaseURL is the Graph service root the client calls unless
// WithBaseURL says otherwise. The generator sets it to the API version of
// the package it writes (…/v1.0 or …/beta).
const DefaultBaseURL = "https://graph.microsoft.com/v1.0"
