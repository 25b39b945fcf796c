-- (a) an entity with its relations, their ends and evidence measures.
-- wrk -s bench/entity.lua http://127.0.0.1:8080/graphql
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
require("common")

graphql("entity", [[{ entity(id: "initiative:mpac-2025") { id name relations { predicate subject { id } object { id } evidence { id text } } } }]])
