package graph

import "fmt"

// Codes of the errors resolvers return; the server's error presenter puts
// them into extensions.code.
const (
	// CodeBadUserInput marks an argument the API cannot use.
	CodeBadUserInput = "BAD_USER_INPUT"
)

// inputError is an argument the API cannot use.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

// Code returns BAD_USER_INPUT.
func (e *inputError) Code() string { return CodeBadUserInput }

func badInput(format string, args ...any) error { return &inputError{fmt.Sprintf(format, args...)} }
