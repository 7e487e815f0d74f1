// Package query parses the boolean query language of sanctionwatch rules
// into a syntax tree. It checks everything that can be checked without the
// rule files (syntax, field names, NEAR operands, regex bounds), so a rule
// that loads never fails later; resolving $lists and @entities and
// evaluating the tree belong to the rule engine.
//
// The language follows the Boolean search of media-monitoring tools and
// Google Alerts. Operators are UPPERCASE only, so that a lowercase "and" or
// "or" in a query is never silently taken as an operator: it is an error
// that asks the author to choose.
//
//	query     = or EOF
//	or        = and { "OR" and }
//	and       = unary { [ "AND" ] unary }      juxtaposition is an implicit AND
//	unary     = ( "NOT" | "-" ) unary | near    "-x" only when "-" touches x
//	near      = scoped { nearop scoped }       left-associative, binds tightest
//	nearop    = "NEAR/" n | "W/" n              within n words, either order
//	          | "ONEAR/" n | "PRE/" n           left before right, within n words
//	scoped    = [ field ":" ] primary           no space after the colon
//	field     = "title" | "summary" | "content" | "text" | "author"
//	          | "category" | "link" | "feed"    text = title + summary + content
//	primary   = "(" or ")" | word | phrase | listref | entityref
//	          | resref | regimeref | langref | regex
//	word      = letters and digits, with inner ' - . / (ship-to-ship,
//	            S/RES/2270, U.S.), and an optional trailing "*" after a
//	            stem of at least 3 characters (sanction*)
//	phrase    = '"' words '"'                  “typographic” quotes too; a
//	            trailing "*" on the last word or after the closing quote
//	listref   = "$" name                       name = [a-z0-9_-]+
//	entityref = "@" name                       entity by id
//	          | "@kind:" name                  any entity of a kind (vessel)
//	          | "@list:" name                  any entity on a sanctions list
//	          | "@regime:" name                any entity under a regime
//	resref    = "resolution:" ( number | "*" )  a UNSC resolution, or any
//	regimeref = "regime:" name                 any resolution of a regime
//	langref   = "lang:" code                   stories in a language (ISO
//	            639-1: ar de en es fa fr ja ko ru uk zh); not a NEAR operand
//	regex     = "/" RE2 "/" [ "i" ]            at most 200 bytes, repeat
//	            counts at most 100; "i" folds case
//
// 1 <= n <= 100 for the NEAR family. A NEAR operand is a word, phrase or
// reference, a NEAR, or a parenthesised OR of those, optionally under a
// field scope: NOT, AND and regexes have no word position to measure from,
// so they are errors there.
//
// Parse reports the first error only, as an *Error whose position points
// at the offending token (1-based line and column, columns in characters),
// because queries may span lines inside YAML block scalars and the rule
// loader turns that position into file:line:col.
package query
