// Package cli is listaudit's command line: the only package that knows
// cobra. Commands are thin: each binds the flags the settings table gives
// it (config.NewFlags), hands what was given to config.Resolve, and runs
// with injected streams and a clock (Env), so tests run them in-process.
//
// It must not validate values or merge policies (pkg/config does), nor
// call os.Exit (Main returns the exit code to package main).
package cli
