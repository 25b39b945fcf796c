package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/peterbourgon/ff/v3/ffcli"

	"plangraph/graph"
	"plangraph/graph/analysis"
	"plangraph/graph/export"
	"plangraph/graph/server"
)

func newQueryCmd(stdout, stderr io.Writer) *ffcli.Command {
	fs := newFlagSet("query", stderr)
	spec := storeFlag(fs)
	file := fs.String("f", "", "read the query from this file (- for standard input)")
	vars := fs.String("vars", "", "variables as a JSON object")
	return &ffcli.Command{
		Name:       "query",
		ShortUsage: "plangraph query [--store SPEC] [--vars JSON] (QUERY | -f FILE)",
		ShortHelp:  "run a GraphQL query against the store and print the JSON response",
		LongHelp: "query runs one GraphQL operation in-process, with the server's schema and error codes,\n" +
			"and prints the response. Every API field is reachable, the analysis ones included:\n\n" +
			"  plangraph query '{ alignment(entities: [\"initiative:mpac-2025\", \"initiative:bri\"]) { pairs { count score } } }'\n" +
			"  plangraph query '{ paths(from: \"country:KH\", to: \"initiative:mpac-2025\") { paths { hops { predicate evidenceId } } } }'\n" +
			"  plangraph query '{ search(text: \"MPAC\") { node { id } field value } }'\n\n" +
			"It exits 1 when the response has errors.",
		FlagSet: fs,
		Options: envOptions(),
		Exec: func(ctx context.Context, args []string) error {
			q, err := queryText(args, *file)
			if err != nil {
				return err
			}
			var variables map[string]any
			if *vars != "" {
				if err := json.Unmarshal([]byte(*vars), &variables); err != nil {
					return usagef("--vars is not a JSON object: %v", err)
				}
			}
			return runQuery(ctx, *spec, q, variables, stdout, stderr)
		},
	}
}

// queryText returns the query from the arguments or the file.
func queryText(args []string, file string) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", usagef("give the query as an argument or with -f, not both")
	case file == "-":
		b, err := io.ReadAll(os.Stdin)
		return string(b), err
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read query: %w", err)
		}
		return string(b), nil
	case len(args) == 1:
		return args[0], nil
	case len(args) > 1:
		return "", usagef("give the query as one argument (quote it)")
	}
	return "", usagef("no query given")
}

// errResponseHasErrors makes query exit 1 after printing the response.
type errResponseHasErrors struct{ n int }

func (e errResponseHasErrors) Error() string { return fmt.Sprintf("the response has %d error(s)", e.n) }

func runQuery(ctx context.Context, spec, q string, vars map[string]any, stdout, stderr io.Writer) error {
	st, err := openGraph(ctx, spec)
	if err != nil {
		return err
	}
	defer st.Close()
	an := analysis.New(st)
	exec := executor.New(graph.NewExecutableSchema(st, an, graph.WithExporter(export.Exporter{Store: st, Analyzer: an})))
	exec.SetErrorPresenter(server.ErrorPresenter(slog.New(slog.NewTextHandler(stderr, nil))))
	ctx = graphql.StartOperationTrace(ctx)
	var resp *graphql.Response
	opCtx, errs := exec.CreateOperationContext(ctx, &graphql.RawParams{Query: q, Variables: vars})
	if errs != nil {
		resp = exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
	} else {
		handler, ctx := exec.DispatchOperation(ctx, opCtx)
		resp = handler(ctx)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(resp); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	if len(resp.Errors) > 0 {
		return errResponseHasErrors{len(resp.Errors)}
	}
	return nil
}
