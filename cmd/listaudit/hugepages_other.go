//go:build !linux

package main

// adviseHugePages does nothing: transparent huge pages are Linux's.
func adviseHugePages(size int, godebug string) (uintptr, error) { return 0, nil }
