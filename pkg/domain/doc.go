// Package domain holds listaudit's model: the contact record read from a
// list, the findings rules raise about it, their severities and locations,
// the effective policy and the result of one audit. It depends on the
// standard library only, so every other package can share it.
// It must not import another listaudit package or any module, nor read or
// write anything: behaviour beyond the model's own bookkeeping lives in
// the packages that use it.
package domain
