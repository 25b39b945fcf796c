package loader

import "unicode"

// FoldRune maps a rune to the form the linker and search compare: full-width
// ASCII to half-width, Latin letters to lower case, every dash (一 excepted)
// to '-' and the ideographic space to ' '. It maps one rune to one rune, so
// offsets in folded text are offsets in the original.
func FoldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	case r == '—' || r == '–' || r == '‒' || r == '―' || r == '‐' || r == '‑' || r == '－':
		return '-'
	}
	if r < 128 {
		return unicode.ToLower(r)
	}
	return r
}

// Fold applies FoldRune to every rune of s.
func Fold(s string) string {
	out := []rune(s)
	for i, r := range out {
		out[i] = FoldRune(r)
	}
	return string(out)
}

// foldRunes folds a rune slice into a new slice of the same length.
func foldRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = FoldRune(r)
	}
	return out
}
