//go:build !race

package phone

// raceEnabled is true under -race, where code runs 5–10× slower, so the
// differential test samples fewer inputs.
const raceEnabled = false
