package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/peterbourgon/ff/v3/ffcli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a mistake in the command line: run prints it with the
// usage hint and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// run is the whole program: it parses args, runs the subcommand and returns
// the exit code (0 ok, 1 failure, 2 usage error). Tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	if err := root.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "plangraph: %v\nRun 'plangraph -h' for usage.\n", err)
		return 2
	}
	if err := root.Run(ctx); err != nil {
		var ue usageError
		var ne ffcli.NoExecError
		switch {
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue), errors.As(err, &ne):
			fmt.Fprintf(stderr, "plangraph: %v\nRun 'plangraph -h' for usage.\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "plangraph: %v\n", err)
		return 1
	}
	return 0
}

// newRoot builds the command tree.
func newRoot(stdout, stderr io.Writer) *ffcli.Command {
	fs := flag.NewFlagSet("plangraph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var root *ffcli.Command
	root = &ffcli.Command{
		Name:       "plangraph",
		ShortUsage: "plangraph <subcommand> [flags]",
		LongHelp: "plangraph turns a cooperation plan into a knowledge graph in a Cayley store.\n" +
			"Every flag can also be set in the environment as PLANGRAPH_<FLAG> (PLANGRAPH_STORE=memory).",
		FlagSet: fs,
		Subcommands: []*ffcli.Command{
			newLoadCmd(stdout, stderr),
			newStatsCmd(stdout, stderr),
			newDumpCmd(stdout, stderr),
			newServeCmd(stdout, stderr),
			newQueryCmd(stdout, stderr),
			newExportCmd(stdout, stderr),
		},
		Exec: func(_ context.Context, args []string) error {
			if len(args) > 0 {
				return usagef("unknown subcommand %q", args[0])
			}
			fmt.Fprintln(stderr, ffcli.DefaultUsageFunc(root))
			return usagef("no subcommand given")
		},
	}
	return root
}
