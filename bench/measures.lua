-- (b) the first page of 50 measures with their sections and mentions.
-- wrk -s bench/measures.lua http://127.0.0.1:8080/graphql
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
require("common")

graphql("measures", [[{ measures(first: 50) { totalCount edges { cursor node { id text section { number } mentions { surface entity { id name } } } } } }]])
