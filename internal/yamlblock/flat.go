package yamlblock

import "go.yaml.in/yaml/v3"

// Scalar is one item of a list that holds only one-line scalars, as
// written: a rule file's term lists run to hundreds of items, and a node
// of the library's tree for each (about 150 bytes, and a pointer) was a
// third of what compiling the default pack allocated.
type Scalar struct {
	Value        string
	Line, Column int32      // 1-based, as in yaml.Node
	Style        yaml.Style // 0 (plain), yaml.SingleQuotedStyle or yaml.DoubleQuotedStyle
}

// Doc is a document Parse read: the library's tree, except that a list
// whose items are all one-line scalars, none of them null, has no Content
// and its items are kept as Scalars (see Scalars).
type Doc struct {
	Root *yaml.Node // the document node
	flat map[*yaml.Node][]Scalar
}

// Library wraps a tree the library read, which has no flat lists.
func Library(root *yaml.Node) *Doc { return &Doc{Root: root} }

// Scalars returns the items of n and true when n is a flat list; false
// for any other node, whose Content holds what it holds.
func (d *Doc) Scalars(n *yaml.Node) ([]Scalar, bool) {
	s, ok := d.flat[n]
	return s, ok
}

// Nodes returns the children of n as the library gives them: its Content,
// or nodes made from its Scalars when it is a flat list.
func (d *Doc) Nodes(n *yaml.Node) []*yaml.Node {
	items, ok := d.flat[n]
	if !ok {
		return n.Content
	}
	nodes := make([]yaml.Node, len(items))
	out := make([]*yaml.Node, len(items))
	for i, s := range items {
		nodes[i] = scalarNode(s, tagOf(s))
		out[i] = &nodes[i]
	}
	return out
}

func scalarNode(s Scalar, tag string) yaml.Node {
	return yaml.Node{Kind: yaml.ScalarNode, Style: s.Style, Tag: tag, Value: s.Value, Line: int(s.Line), Column: int(s.Column)}
}

// tagOf resolves the tag of a scalar Parse has read, as the library does:
// quoted text is text, a plain scalar resolves by what it says.
func tagOf(s Scalar) string {
	if s.Style != 0 {
		return "!!str"
	}
	tag, _ := resolve(s.Value) // it resolved when it was read
	return tag
}

// listItems gathers the items of one list while it is read: as Scalars
// while every item is a one-line scalar that is not null, as nodes from
// the first that is not. Its scalars are p.scalars[start:start+n]: a list
// inside it, whose items would follow them, makes it a list of nodes
// first; nodes is where its nodes start on p.stack.
type listItems struct {
	start, n, nodes int
	flat            bool
}

func (p *parser) startList() listItems {
	return listItems{start: len(p.scalars), nodes: len(p.stack), flat: true}
}

func (p *parser) addScalar(li *listItems, s Scalar, tag string) {
	if li.flat && tag != "!!null" {
		p.scalars = append(p.scalars, s)
		li.n++
		return
	}
	p.addNode(li, p.scalarNode(s, tag))
}

func (p *parser) addNode(li *listItems, n *yaml.Node) {
	if li.flat {
		// The items so far become nodes: one that is not a plain value
		// follows them.
		li.flat = false
		for _, s := range p.scalars[li.start : li.start+li.n] {
			p.stack = append(p.stack, p.scalarNode(s, tagOf(s)))
		}
	}
	p.stack = append(p.stack, n)
}

// endList gives the list n its items: as nodes in its Content, or, for a
// flat list, as Scalars kept for Scalars, where they are on p.scalars
// (sized for the file, so that it is not copied as it grows).
func (p *parser) endList(li *listItems, n *yaml.Node) *yaml.Node {
	if !li.flat || li.n == 0 {
		return p.children(n, li.nodes)
	}
	p.flat[n] = p.scalars[li.start : li.start+li.n : li.start+li.n]
	return n
}

func (p *parser) scalarNode(s Scalar, tag string) *yaml.Node {
	return p.node(scalarNode(s, tag))
}
