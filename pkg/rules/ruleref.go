package rules

// ruleRef is a catalogue rule as the row rules raise it: its id and its
// slot in every RuleSet (ruleSlot), worked out once at start. Raising a
// finding then hashes no id and compares no strings: the Checker raises
// ~10 findings a row, counted or built.
type ruleRef struct {
	id   string
	slot uint8
}

// refOf is the ruleRef of catalogue rule id. Every catalogue id has a slot
// of its own (TestRuleSlotsAreDistinct), which NewRuleSet fills.
func refOf(id string) ruleRef { return ruleRef{id, uint8(ruleSlot(id, ruleSeed))} }

// The rules a Checker raises, and Duplicates.
var (
	refConsentAfterContact       = refOf(ConsentAfterContact)
	refConsentBrandMismatch      = refOf(ConsentBrandMismatch)
	refConsentChannelMismatch    = refOf(ConsentChannelMismatch)
	refConsentDateMissing        = refOf(ConsentDateMissing)
	refConsentEvidenceIncomplete = refOf(ConsentEvidenceIncomplete)
	refConsentExpired            = refOf(ConsentExpired)
	refConsentMissing            = refOf(ConsentMissing)
	refConsentPurposeMismatch    = refOf(ConsentPurposeMismatch)
	refConsentScopeUnknown       = refOf(ConsentScopeUnknown)
	refConsentSourceUnknown      = refOf(ConsentSourceUnknown)
	refConsentUnconfirmed        = refOf(ConsentUnconfirmed)
	refContactedAfterOptOut      = refOf(ContactedAfterOptOut)
	refDuplicate                 = refOf(Duplicate)
	refDateInvalid               = refOf(DateInvalid)
	refOptedOut                  = refOf(OptedOut)
	refOverMessaged              = refOf(OverMessaged)
	refPhoneE164Mismatch         = refOf(PhoneE164Mismatch)
	refPhoneExcelDamaged         = refOf(PhoneExcelDamaged)
	refPhoneInvalid              = refOf(PhoneInvalid)
	refPhoneMissing              = refOf(PhoneMissing)
	refPhoneNotE164              = refOf(PhoneNotE164)
	refPhoneNotMobile            = refOf(PhoneNotMobile)
	refPhoneRegionMismatch       = refOf(PhoneRegionMismatch)
	refQuietHours                = refOf(QuietHours)
	refRowMalformed              = refOf(RowMalformed)
	refStale                     = refOf(Stale)
	refSuppressed                = refOf(Suppressed)
	refValueInvalid              = refOf(ValueInvalid)
)

// bit is the rule's bit in a RuleMask.
func (r ruleRef) bit() RuleMask { return 1 << (r.slot % ruleSlots) }

// state is the rule's state in rs.
func (rs *RuleSet) state(r ruleRef) *slotState { return &rs.slots[r.slot%ruleSlots] }
