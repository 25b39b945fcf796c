-- (c) the trivial { __typename }: the ceiling of the HTTP and GraphQL
-- layers on the same server, with no store read.
-- wrk -s bench/typename.lua http://127.0.0.1:8080/graphql
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
require("common")

graphql("typename", [[{ __typename }]])
