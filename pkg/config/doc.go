// Package config is listaudit's configuration: the table of settings
// (settings.go), each with its policy-file key, its flag, the commands that
// take it, its help text and its kind (kinds.go: how a value is parsed and
// checked, the same way from a flag and from .listaudit.yaml). From the
// table come the flags (NewFlags), the policy file's decoding with
// line-numbered errors (Parse, Load), the commented init template
// (Template) and the resolution of a run's settings: defaults, then the
// policy file, then the flags given (Resolve).
//
// It must not know cobra (pkg/cli binds the flags) nor how a setting is
// used: a value's meaning belongs to the package that reads it.
package config
