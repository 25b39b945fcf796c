// Package synth generates synthetic plans scale times the size of the
// seed (the embedded Lancang-Mekong plan), deterministically from a seed,
// as clean text the real loader parses, with a catalog that names every
// entity they mention. Its benchmarks time the analysis queries and the
// main GraphQL queries on the seed-sized and the 100× graph.
//
// # Outline
//
// The seed's chapters stay. A chapter without subsections gains scale−1 of
// them, each with as many sentences as the chapter; the practical
// cooperation chapter repeats its subtree scale times, numbered on:
//
//	澜湄合作合成行动计划（种子1，3倍）
//	一、发展目标
//	本行动计划的制订基于…。本行动计划将与…互补互促,并与…相辅相成,…。…
//	1.1 发展目标（续1）
//	…
//	四、务实合作
//	4.1 政治安全事务
//	4.1.1 高层交往和政治对话合作
//	…
//	4.1.3.1 公共卫生合作
//	…
//	4.3 政治安全事务
//	…
//	4.4.1 跨境经济合作
//
// At scale s that is 14s+1 sections and 86s sentences (the seed's 15 and
// 86). Priority-area headings rotate through the catalog's five areas
// from one copy to the next, so every area heads sections.
//
// # Sentences
//
// Each copy (unit) of the outline gets the seed's own sentences: every
// section those of its seed section (a truncated one replaced by another
// of the section), then Mix·n random pairs of the unit's n sentences
// swapped, then each section shuffled. The number of entities a sentence
// names and its relation cues (与…互补互促, 与…相辅相成, 与…实现对接, 落实…,
// 每两年召开一次…, 通过…向…提交…报告 …) therefore follow the seed's
// distribution exactly, unit by unit.
//
// Each mention of a country, group, mechanism, initiative or organisation
// is redrawn (everyday words such as 六国 or 互联互通, pillars and priority
// areas keep their place). Per kind, the draws continue a Pitman–Yor
// process (discount ½, concentration 0) seated with the seed's counts: an
// entity named c times so far comes with weight c−½, one not named yet
// with weight K/2, K being how many of the kind are named so far. The
// seed's hubs (澜湄国家, 澜湄合作, 外长会 …) stay hubs, rich get richer, and
// the distinct entities named grow like √mentions — Heaps' law, the
// heavy tail of the seed carried on. Within a sentence one seed entity
// maps to one new one; a new one is written by one of its plain names.
//
// # Catalog
//
// The real catalog plus, for each open kind (mechanisms, initiatives,
// organisations), n·(√scale − 1) synthetic entities, n being the
// catalog's count of that kind: what the process above names at scale
// times the mentions (Heaps' law, exponent ½; the seed names nearly every
// catalog entity of these kinds). Countries, groups, pillars and areas are
// closed sets. Names are prefix + topic + type (澜湄水资源合作中心,
// 湄公河数字经济合作路线图, 亚洲青年协会), none an alias of another entity;
// mechanisms belong to another mechanism as often as the catalog's do.
package synth
