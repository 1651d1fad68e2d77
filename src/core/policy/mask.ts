/** The one mask used everywhere, so tests and users can recognise a redacted value. */
export const MASK = '<redacted>';
