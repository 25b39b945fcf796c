#!/usr/bin/env python3
"""Reads exports with networkx and Graphviz, as their users will.

    go test ./graph/export/ -run TestWriteSeedExports -export.dir DIR
    python3 graph/export/testdata/check_tools.py DIR

For each subgraph written (whole, mpac) it reads the GraphML and the GEXF
with networkx and compares nodes, edges and every attribute with the
Cytoscape.js JSON of the same subgraph (which the Go tests compare with
the Graph), and renders the DOT with `dot -Tsvg`, counting the nodes and
edges drawn. Needs Debian's python3-networkx and graphviz. networkx reads
GEXF 1.3 from 3.6 on; for older versions (Debian 12 has 2.8) the script
registers the 1.3 namespaces the way networkx 3.6 does.
"""
import json
import os
import re
import subprocess
import sys

import networkx as nx
from networkx.readwrite import gexf as nxgexf

if "1.3" not in nxgexf.GEXF.versions:
    nxgexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }

NODE_ATTRS = ["label", "kind", "label_zh", "label_en", "section", "text", "commitment"]
EDGE_ATTRS = ["predicate", "evidence", "evidence_text"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def pick(d, names):
    return {k: d[k] for k in names if d.get(k, "") != ""}


def compare(what, got_nodes, got_edges, cy):
    want_nodes = {n["data"]["id"]: pick(n["data"], NODE_ATTRS) for n in cy["elements"]["nodes"]}
    want_edges = {e["data"]["id"]: (e["data"]["source"], e["data"]["target"], pick(e["data"], EDGE_ATTRS))
                  for e in cy["elements"]["edges"]}
    if len(got_nodes) != len(want_nodes) or len(got_edges) != len(want_edges):
        fail(f"{what}: {len(got_nodes)} nodes, {len(got_edges)} edges; want {len(want_nodes)}, {len(want_edges)}")
    for id, a in want_nodes.items():
        if got_nodes.get(id) != a:
            fail(f"{what}: node {id}: {got_nodes.get(id)!r}, want {a!r}")
    for id, e in want_edges.items():
        if got_edges.get(id) != e:
            fail(f"{what}: edge {id}: {got_edges.get(id)!r}, want {e!r}")
    print(f"ok   {what}: {len(got_nodes)} nodes, {len(got_edges)} edges, attributes as in the JSON")


def check(dir, base):
    with open(os.path.join(dir, base + ".json"), encoding="utf-8") as f:
        cy = json.load(f)

    g = nx.read_graphml(os.path.join(dir, base + ".graphml"), force_multigraph=True)
    if not g.is_directed():
        fail(f"{base}.graphml: undirected")
    ids = {n: d["plangraph_id"] for n, d in g.nodes(data=True)}
    nodes = {ids[n]: pick(d, NODE_ATTRS) for n, d in g.nodes(data=True)}
    edges = {k: (ids[u], ids[v], pick(d, EDGE_ATTRS)) for u, v, k, d in g.edges(keys=True, data=True)}
    compare(f"networkx {nx.__version__} read_graphml {base}", nodes, edges, cy)

    g = nx.read_gexf(os.path.join(dir, base + ".gexf"), version="1.3")
    nodes = {}
    for n, d in g.nodes(data=True):
        nodes[n] = pick(d, NODE_ATTRS)
        if "color" not in d.get("viz", {}) or "size" not in d.get("viz", {}):
            fail(f"{base}.gexf: node {n} without viz color and size: {d.get('viz')}")
    # The GEXF reader keeps each edge's id as its attribute "id".
    edges = {d["id"]: (u, v, pick(d, EDGE_ATTRS)) for u, v, d in g.edges(data=True)}
    compare(f"networkx {nx.__version__} read_gexf {base}", nodes, edges, cy)

    dot = os.path.join(dir, base + ".dot")
    r = subprocess.run(["dot", "-Tsvg", dot], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        fail(f"dot -Tsvg {base}.dot: exit {r.returncode}: {r.stderr.strip()}")
        return
    n = len(re.findall(r'<g id="node\d+" class="node">', r.stdout))
    e = len(re.findall(r'<g id="edge\d+" class="edge">', r.stdout))
    if n != len(cy["elements"]["nodes"]) or e != len(cy["elements"]["edges"]):
        fail(f"dot -Tsvg {base}.dot: drew {n} nodes, {e} edges")
    else:
        print(f"ok   dot -Tsvg {base}.dot: {n} nodes, {e} edges drawn, nothing on stderr")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_tools.py DIR")
    for base in ("mpac", "whole", "fixture"):
        if os.path.exists(os.path.join(sys.argv[1], base + ".json")):
            check(sys.argv[1], base)
    if failures:
        sys.exit(f"{len(failures)} failures")


if __name__ == "__main__":
    main()
