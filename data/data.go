// Package data embeds the plans plangraph ships and the entity catalog, so
// the binary loads them without the source tree.
//
// Plans lists each embedded plan with its slug and titles; Catalog is the
// YAML catalog described in docs/catalog.md.
package data

import (
	_ "embed"
)

//go:embed lmc-plan-2023-2027.zh.scraped.txt
var lmcPlan string

//go:embed catalog.yaml
var catalog []byte

// CatalogFile is the catalog's file name, for error messages.
const CatalogFile = "data/catalog.yaml"

// Catalog returns the embedded entity catalog (YAML).
func Catalog() []byte { return catalog }

// EmbeddedPlan is a plan text shipped in the binary.
type EmbeddedPlan struct {
	// Slug names the plan in ids (plan:SLUG).
	Slug string
	// ZH and EN are the plan's official titles.
	ZH, EN string
	// File is the text's file name under data/.
	File string
	// Text is the plan as scraped.
	Text string
}

// Plans returns the embedded plans; the first is the default.
func Plans() []EmbeddedPlan {
	return []EmbeddedPlan{{
		Slug: "lmc-2023-2027",
		ZH:   "澜沧江—湄公河合作五年行动计划(2023-2027)",
		EN:   "Five-Year Plan of Action on Lancang-Mekong Cooperation (2023-2027)",
		File: "data/lmc-plan-2023-2027.zh.scraped.txt",
		Text: lmcPlan,
	}}
}
