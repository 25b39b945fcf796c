package export

import (
	"encoding/xml"
	"io"
)

// xmlWriter writes an XML document token by token through an
// encoding/xml Encoder, which escapes text and attribute values (< > & "
// ' and, so that they survive, tab, newline and carriage return; a
// character XML cannot hold becomes U+FFFD). The first error sticks.
type xmlWriter struct {
	w   io.Writer
	enc *xml.Encoder
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	x := &xmlWriter{w: w, enc: enc}
	_, x.err = io.WriteString(w, xml.Header)
	return x
}

func (x *xmlWriter) token(t xml.Token) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(t)
	}
}

// start opens element name with attributes given as name, value pairs.
// A name may carry a prefix ("viz:color") declared on an outer element.
func (x *xmlWriter) start(name string, attrs ...string) {
	el := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	x.token(el)
}

func (x *xmlWriter) end(name string) { x.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// empty writes an element without content.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.start(name, attrs...)
	x.end(name)
}

// text writes an element holding text.
func (x *xmlWriter) text(name, text string, attrs ...string) {
	x.start(name, attrs...)
	x.token(xml.CharData(text))
	x.end(name)
}

// close ends the document with a newline and flushes it.
func (x *xmlWriter) close() error {
	if x.err != nil {
		return x.err
	}
	if err := x.enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(x.w, "\n")
	return err
}
