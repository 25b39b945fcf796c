package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"plangraph/graph/store"
)

// Codes the server puts into a GraphQL error's extensions.code. Resolvers may
// use any other code through CodedError; clients should treat an unknown code
// like INTERNAL.
const (
	// CodeNotFound marks an id that names nothing (an error matching
	// store.ErrNotFound).
	CodeNotFound = "NOT_FOUND"
	// CodeBadUserInput marks an argument value the API cannot use.
	CodeBadUserInput = "BAD_USER_INPUT"
	// CodeInternal marks a failure inside the server; its details are only
	// in the server's log.
	CodeInternal = "INTERNAL"
	// CodeParseFailed marks a query document that is not valid GraphQL syntax.
	CodeParseFailed = errcode.ParseFailed
	// CodeValidationFailed marks a document that does not validate against
	// the schema, or variables that do not fit it.
	CodeValidationFailed = errcode.ValidationFailed
	// CodeBadRequest marks a request that is not a well-formed
	// GraphQL-over-HTTP request: a body that is not JSON, no query, or a
	// malformed persisted-query extension.
	CodeBadRequest = "BAD_REQUEST"
	// CodeDepthLimit marks an operation nested deeper than Config.MaxDepth.
	CodeDepthLimit = "DEPTH_LIMIT_EXCEEDED"
	// CodeComplexityLimit marks an operation costlier than
	// Config.MaxComplexity (the code gqlgen's complexity extension uses).
	CodeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED"
	// CodeTokenLimit marks a document with more than Config.MaxTokens
	// tokens.
	CodeTokenLimit = "TOKEN_LIMIT_EXCEEDED"
	// CodeBodyTooLarge marks a request body over Config.MaxBodyBytes.
	CodeBodyTooLarge = "BODY_TOO_LARGE"
	// CodeTimeout marks work cut off by Config.RequestTimeout.
	CodeTimeout = "TIMEOUT"
	// CodeCancelled marks work abandoned because the client went away.
	CodeCancelled = "CANCELLED"
	// CodeIntrospectionDisabled marks an introspection query sent to a
	// server whose Config.Introspection is off.
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
	// CodePersistedQueryNotFound marks an automatic persisted query hash
	// the server does not know (yet); the client resends it with the query.
	CodePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
	// CodeMethodNotAllowed marks a mutation sent with GET, or a method
	// /graphql does not serve.
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	// CodeUnsupportedMediaType marks a POST body that is not application/json.
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
)

// msgInternal is all a client learns about an internal error.
const msgInternal = "internal error"

// CodedError is an error that names its own extensions.code. The error
// presenter shows its message and code to the client as they are, so its
// message must be fit for users: resolvers return one for bad arguments
// (BAD_USER_INPUT) and similar conditions the client can act on.
type CodedError interface {
	error
	// Code returns the value for extensions.code, such as BAD_USER_INPUT.
	Code() string
}

// codedError is the CodedError that Errorf returns.
type codedError struct {
	code string
	err  error
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Code() string  { return e.code }
func (e *codedError) Unwrap() error { return e.err }

// Errorf formats an error, as fmt.Errorf does (%w included), that the client
// sees with the given extensions.code, for example
//
//	return nil, server.Errorf(server.CodeBadUserInput, "first must be at most %d, got %d", max, first)
func Errorf(code, format string, args ...any) error {
	return &codedError{code: code, err: fmt.Errorf(format, args...)}
}

// ErrorPresenter returns the one error presenter of the API: it decides what
// a client sees of each error and sets its extensions.code.
//
//   - Errors matching store.ErrNotFound keep their message; code NOT_FOUND.
//   - Errors implementing CodedError (anywhere in their chain) keep their
//     message and show their code.
//   - Errors of the request itself, which gqlgen and the server's
//     extensions make (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
//     COMPLEXITY_LIMIT_EXCEEDED, DEPTH_LIMIT_EXCEEDED,
//     PERSISTED_QUERY_NOT_FOUND …), keep their message and code; the
//     parser's token limit becomes TOKEN_LIMIT_EXCEEDED and request errors
//     without a code get BAD_REQUEST.
//   - Errors caused by the request's deadline get TIMEOUT.
//   - Anything else is logged at error level with the path and operation
//     and shown only as "internal error", code INTERNAL.
//
// Errors keep their path and locations.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr, ok := errors.AsType[*gqlerror.Error](err)
		if !ok {
			gqlErr = gqlerror.WrapPath(graphql.GetPath(ctx), err)
		}
		cause := gqlErr.Err
		if cause == nil {
			// An error gqlgen, gqlparser or an extension made as a GraphQL
			// error, or one a resolver chose to return as one.
			return presentGraphQLError(gqlErr)
		}
		var coded CodedError
		switch {
		case errors.Is(cause, store.ErrNotFound):
			msg := cause.Error()
			if nf, ok := errors.AsType[*store.NotFoundError](cause); ok {
				// Users see what was not found, not which package said so.
				msg = fmt.Sprintf("%s %q not found", nf.Kind, nf.ID)
			}
			return withCode(gqlErr, msg, CodeNotFound)
		case errors.As(cause, &coded):
			return withCode(gqlErr, cause.Error(), coded.Code())
		case errors.Is(cause, errRecovered):
			// Logged with its stack by the recover func.
			return withCode(gqlErr, msgInternal, CodeInternal)
		case errors.Is(cause, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
			return withCode(gqlErr, timeoutMessage(ctx), CodeTimeout)
		case errors.Is(cause, context.Canceled):
			return withCode(gqlErr, "request cancelled", CodeCancelled)
		case cause.Error() == "introspection disabled":
			// gqlgen's own refusal of __schema and __type, in case an
			// introspection field gets past introspectionGuard.
			return withCode(gqlErr, errIntrospectionDisabled.Error(), CodeIntrospectionDisabled)
		}
		log.ErrorContext(ctx, "graphql internal error",
			slog.String("error", cause.Error()),
			slog.String("path", gqlErr.Path.String()),
			slog.String("operation", operationName(ctx)))
		return withCode(gqlErr, msgInternal, CodeInternal)
	}
}

// presentGraphQLError sets the code of an error that is already a GraphQL
// error.
func presentGraphQLError(e *gqlerror.Error) *gqlerror.Error {
	code, _ := e.Extensions["code"].(string)
	switch {
	case code == CodeParseFailed && strings.HasPrefix(e.Message, "exceeded token limit"):
		// gqlparser's only report of its token limit is this message.
		return withCode(e, e.Message, CodeTokenLimit)
	case code == "" && len(e.Path) == 0:
		msg := e.Message
		// gqlgen's POST transport quotes the whole body into the message;
		// the client sent it, so keep the reason and drop the echo.
		if i := strings.Index(msg, " body:"); strings.HasPrefix(msg, "json request body could not be decoded") && i > 0 {
			msg = msg[:i]
		}
		return withCode(e, msg, CodeBadRequest)
	}
	return e
}

// withCode returns a copy of e with the message and extensions.code given.
func withCode(e *gqlerror.Error, msg, code string) *gqlerror.Error {
	out := *e
	out.Message = msg
	out.Extensions = make(map[string]any, len(e.Extensions)+1)
	for k, v := range e.Extensions {
		out.Extensions[k] = v
	}
	out.Extensions["code"] = code
	return &out
}

// errRecovered is matched by the errors that recoverFunc returns.
var errRecovered = errors.New("server: recovered from panic")

// errIntrospectionDisabled is the message and cause of an introspection
// query refused because introspection is off.
var errIntrospectionDisabled = errors.New("introspection is disabled on this server")

// recoverFunc turns a panic in a resolver into an error the presenter shows
// as "internal error"; it logs the panic value and the stack.
func recoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "graphql panic",
			slog.String("error", fmt.Sprint(v)),
			slog.String("path", graphql.GetPath(ctx).String()),
			slog.String("operation", operationName(ctx)),
			slog.String("stack", string(debug.Stack())))
		return errRecovered
	}
}

// operationName is the name of the operation ctx runs, "anonymous" for an
// unnamed one and "" outside an operation.
func operationName(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return ""
	}
	opCtx := graphql.GetOperationContext(ctx)
	if opCtx.Operation == nil {
		return opCtx.OperationName
	}
	if opCtx.Operation.Name == "" {
		return anonymous
	}
	return opCtx.Operation.Name
}

// timeoutMessage says which limit the request ran into.
func timeoutMessage(ctx context.Context) string {
	if ex := exchangeFrom(ctx); ex != nil && ex.timeout > 0 {
		return fmt.Sprintf("request exceeded the time limit of %s", ex.timeout)
	}
	return "request exceeded its time limit"
}
