package export

import (
	"cmp"
	"fmt"
)

// Style is how the visual formats draw the nodes of one kind: GEXF takes
// the color and size (viz:color, viz:size), DOT the shape and the color
// (border, and fill at a quarter opacity so black labels stay readable).
//
//	kind          color    size  DOT shape
//	Plan          #37474F  40    doubleoctagon
//	Section       #78909C  20    folder
//	Measure       #4FC3F7   8    note
//	Country       #E53935  16    ellipse
//	CountryGroup  #FB8C00  18    octagon
//	Mechanism     #43A047  16    box
//	Initiative    #8E24AA  16    hexagon
//	Organization  #6D4C41  16    house
//	Pillar        #00897B  24    tab
//	PriorityArea  #FDD835  20    parallelogram
//	(other)       #9E9E9E  10    ellipse
type Style struct {
	// R, G, B is the color.
	R, G, B uint8
	// Size is the GEXF viz:size.
	Size float64
	// Shape is the Graphviz node shape.
	Shape string
}

// Hex returns the color as "#RRGGBB".
func (s Style) Hex() string { return fmt.Sprintf("#%02X%02X%02X", s.R, s.G, s.B) }

var styles = map[string]Style{
	"Plan":         {0x37, 0x47, 0x4F, 40, "doubleoctagon"},
	"Section":      {0x78, 0x90, 0x9C, 20, "folder"},
	"Measure":      {0x4F, 0xC3, 0xF7, 8, "note"},
	"Country":      {0xE5, 0x39, 0x35, 16, "ellipse"},
	"CountryGroup": {0xFB, 0x8C, 0x00, 18, "octagon"},
	"Mechanism":    {0x43, 0xA0, 0x47, 16, "box"},
	"Initiative":   {0x8E, 0x24, 0xAA, 16, "hexagon"},
	"Organization": {0x6D, 0x4C, 0x41, 16, "house"},
	"Pillar":       {0x00, 0x89, 0x7B, 24, "tab"},
	"PriorityArea": {0xFD, 0xD8, 0x35, 20, "parallelogram"},
}

var otherStyle = Style{0x9E, 0x9E, 0x9E, 10, "ellipse"}

// StyleOf returns the style of a node kind ("Country"); kinds without one
// get a grey ellipse.
func StyleOf(kind string) Style {
	if s, ok := styles[kind]; ok {
		return s
	}
	return otherStyle
}

// Label is what the formats show for a node: its zh label, else its en
// label, else its id.
func (n Node) Label() string { return cmp.Or(n.LabelZH, n.LabelEN, n.ID) }
