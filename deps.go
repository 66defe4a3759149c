package main
import (
 _ "github.com/spf13/cobra"
 _ "github.com/nyaruka/phonenumbers"
 _ "github.com/gocarina/gocsv"
 _ "github.com/olekukonko/tablewriter"
 _ "github.com/rogpeppe/go-internal/testscript"
 _ "github.com/mattn/go-isatty"
)
func main(){}
