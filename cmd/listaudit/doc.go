// Command listaudit audits contact-list files before anyone messages the
// people on them. See README.md.
// main sets the memory limits, calls cli.Main and exits with its code: the
// only os.Exit. It must hold no other logic; the commands live in package
// cli.
package main
