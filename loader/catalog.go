package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"plangraph/schema"
)

// Catalog is the entity catalog: every entity the linker can find in a
// plan, with its names and aliases. See docs/catalog.md for the file format.
type Catalog struct {
	// ID is the catalog's id without prefix ("lmc"); its facts carry the
	// quad label catalog:ID.
	ID string
	// Title names the catalog in Chinese and English.
	Title Names
	// Entities in file order.
	Entities []Entity

	byID map[string]*Entity
}

// Names holds a Chinese and an English name.
type Names struct {
	ZH string `yaml:"zh"`
	EN string `yaml:"en"`
}

// Entity is one catalog entry.
type Entity struct {
	// ID is the readable id, "country:KH".
	ID string
	// Kind comes from the id's prefix.
	Kind schema.Kind
	// ZH and EN are the Chinese and official English names.
	ZH, EN string
	// ISO is a country's ISO 3166-1 alpha-2 code.
	ISO string
	// Abbr is the standard abbreviation, if any.
	Abbr string
	// Status is "proposed" for entities the plan only proposes.
	Status string
	// Members are the ids of a group's members.
	Members []string
	// PartOf is the id of the mechanism this one belongs to.
	PartOf string
	// Aliases are the names the linker matches, the Chinese name first.
	Aliases []Alias
	// Line is the 1-based line of the entry in the catalog file.
	Line int
}

// Alias is one name of an entity as texts write it, with the rule that says
// where an everyday word (Generic) names the entity.
type Alias struct {
	Text string
	// Generic marks an everyday word; it links only where Heading, List,
	// After or NotAfter say.
	Generic bool
	// Heading: links when it is a whole section title.
	Heading bool
	// List: links as an item of an enumeration.
	List bool
	// After: links when directly preceded by one of these strings.
	After []string
	// NotAfter: links unless directly preceded by one of these strings.
	NotAfter []string
	// Lang is the alias's language tag: "zh-Hant" for Traditional forms,
	// "zh" for other Chinese text, "" for Latin names.
	Lang string
	// Line is the 1-based catalog line that declares the alias.
	Line int
}

// HasRule reports whether a generic alias says anywhere it links.
func (a Alias) HasRule() bool {
	return a.Heading || a.List || len(a.After) > 0 || len(a.NotAfter) > 0
}

// Entity returns the entity with the given id.
func (c *Catalog) Entity(id string) (*Entity, bool) {
	e, ok := c.byID[id]
	return e, ok
}

// CatalogError is a catalog problem at a 1-based line of a file.
type CatalogError struct {
	File string
	Line int
	Msg  string
}

func (e *CatalogError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// catalogFile mirrors the YAML document.
type catalogFile struct {
	ID       string      `yaml:"id"`
	Title    Names       `yaml:"title"`
	Entities []yaml.Node `yaml:"entities"`
}

type entityFile struct {
	ID       string      `yaml:"id"`
	ZH       string      `yaml:"zh"`
	EN       string      `yaml:"en"`
	ISO      string      `yaml:"iso"`
	Abbr     string      `yaml:"abbr"`
	Status   string      `yaml:"status"`
	Members  []string    `yaml:"members"`
	PartOf   string      `yaml:"partOf"`
	Hant     stringList  `yaml:"hant"`
	Aliases  []yaml.Node `yaml:"aliases"`
	Generic  bool        `yaml:"generic"`
	Heading  bool        `yaml:"heading"`
	List     bool        `yaml:"list"`
	After    []string    `yaml:"after"`
	NotAfter []string    `yaml:"notAfter"`
}

type aliasFile struct {
	Text     string   `yaml:"text"`
	Generic  bool     `yaml:"generic"`
	Heading  bool     `yaml:"heading"`
	List     bool     `yaml:"list"`
	After    []string `yaml:"after"`
	NotAfter []string `yaml:"notAfter"`
}

// stringList accepts a YAML string or a list of strings.
type stringList []string

func (s *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// ParseCatalog reads a catalog; file names it in errors. Every problem is
// a *CatalogError with the line it is on.
func ParseCatalog(r io.Reader, file string) (*Catalog, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read catalog %s: %w", file, err)
	}
	fail := func(line int, format string, args ...any) error {
		return &CatalogError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f catalogFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(1, "empty catalog")
		}
		return nil, yamlError(file, err)
	}
	if strings.TrimSpace(f.ID) == "" {
		return nil, fail(1, "catalog has no id")
	}
	c := &Catalog{ID: f.ID, Title: f.Title, byID: map[string]*Entity{}}
	aliasOwner := map[string]string{}
	for _, n := range f.Entities {
		var ef entityFile
		if err := decodeStrict(&n, &ef); err != nil {
			return nil, fail(n.Line, "%v", err)
		}
		e := Entity{ID: strings.TrimSpace(ef.ID), ZH: strings.TrimSpace(ef.ZH), EN: strings.TrimSpace(ef.EN),
			ISO: ef.ISO, Abbr: ef.Abbr, Status: ef.Status, Members: ef.Members, PartOf: ef.PartOf, Line: n.Line}
		if e.ID == "" {
			return nil, fail(n.Line, "entity has no id")
		}
		kind, ok := schema.KindOfID(e.ID)
		if !ok || !kind.IsEntity() {
			return nil, fail(n.Line, "entity %s: unknown kind prefix (want one of country, group, mechanism, initiative, org, pillar, area)", e.ID)
		}
		e.Kind = kind
		if e.ZH == "" {
			return nil, fail(n.Line, "entity %s: empty zh name", e.ID)
		}
		if e.EN == "" {
			return nil, fail(n.Line, "entity %s: empty en name", e.ID)
		}
		if _, dup := c.byID[e.ID]; dup {
			return nil, fail(n.Line, "duplicate entity id %s (first at line %d)", e.ID, c.byID[e.ID].Line)
		}
		main := Alias{Text: e.ZH, Generic: ef.Generic, Heading: ef.Heading, List: ef.List, After: ef.After, NotAfter: ef.NotAfter, Line: n.Line}
		e.Aliases = append(e.Aliases, main)
		for _, h := range ef.Hant {
			e.Aliases = append(e.Aliases, Alias{Text: h, Generic: ef.Generic, Heading: ef.Heading, List: ef.List, After: ef.After, NotAfter: ef.NotAfter, Lang: "zh-Hant", Line: n.Line})
		}
		for _, an := range mappingValue(&n, "aliases") {
			var a aliasFile
			if an.Kind == yaml.ScalarNode {
				a.Text = an.Value
			} else if err := decodeStrict(an, &a); err != nil {
				return nil, fail(an.Line, "entity %s: alias: %v", e.ID, err)
			}
			e.Aliases = append(e.Aliases, Alias{Text: a.Text, Generic: a.Generic, Heading: a.Heading, List: a.List, After: a.After, NotAfter: a.NotAfter, Line: an.Line})
		}
		if e.Abbr != "" && isASCIIWord(e.Abbr) {
			e.Aliases = append(e.Aliases, Alias{Text: e.Abbr, Line: n.Line})
		}
		seen := map[string]bool{}
		kept := e.Aliases[:0]
		for _, a := range e.Aliases {
			a.Text = strings.TrimSpace(a.Text)
			if a.Text == "" {
				return nil, fail(a.Line, "entity %s: empty alias", e.ID)
			}
			if a.Generic && !a.HasRule() {
				return nil, fail(a.Line, "entity %s: generic alias %q has no rule (heading, list, after or notAfter)", e.ID, a.Text)
			}
			if a.Lang == "" && !isASCIIWord(a.Text) {
				a.Lang = "zh"
			}
			key := Fold(a.Text)
			if seen[key] {
				continue // the same name twice for one entity is harmless
			}
			seen[key] = true
			if owner, dup := aliasOwner[key]; dup {
				return nil, fail(a.Line, "alias %q of %s is already an alias of %s", a.Text, e.ID, owner)
			}
			aliasOwner[key] = e.ID
			kept = append(kept, a)
		}
		e.Aliases = kept
		c.Entities = append(c.Entities, e)
		c.byID[e.ID] = &c.Entities[len(c.Entities)-1]
	}
	// Rebuild the index: appending may have moved the slice.
	for i := range c.Entities {
		c.byID[c.Entities[i].ID] = &c.Entities[i]
	}
	for _, e := range c.Entities {
		for _, m := range e.Members {
			if _, ok := c.byID[m]; !ok {
				return nil, fail(e.Line, "entity %s: unknown member %s", e.ID, m)
			}
		}
		if e.PartOf != "" {
			if _, ok := c.byID[e.PartOf]; !ok {
				return nil, fail(e.Line, "entity %s: partOf names unknown entity %s", e.ID, e.PartOf)
			}
		}
		if e.Kind == schema.KindCountry && e.ISO == "" {
			return nil, fail(e.Line, "country %s has no iso code", e.ID)
		}
	}
	return c, nil
}

// mappingValue returns the items of the sequence under key in mapping n,
// with their lines in the file.
func mappingValue(n *yaml.Node, key string) []*yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Content
		}
	}
	return nil
}

// decodeStrict decodes n into v, refusing unknown fields.
func decodeStrict(n *yaml.Node, v any) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(n); err != nil {
		return err
	}
	dec := yaml.NewDecoder(&buf)
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		// Line numbers of the re-encoded node are relative; drop them.
		msg := err.Error()
		if i := strings.Index(msg, "line "); i >= 0 {
			if j := strings.Index(msg[i:], ": "); j >= 0 {
				msg = msg[:i] + msg[i+j+2:]
			}
		}
		return errors.New(strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  "))
	}
	return nil
}

// yamlError turns a yaml.v3 syntax error into a CatalogError with its line.
func yamlError(file string, err error) error {
	msg := err.Error()
	line := 1
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i+5:], "%d", &line)
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return &CatalogError{File: file, Line: line, Msg: msg}
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}
