// SPEC §7 (CMS cell-size suppression policy): a count describing 1–10 clients or goals never leaves a
// clinic; zero may be shown. A suppressed count is protected when an attacker's feasible interval for
// it contains both 0 and 11: they cannot tell whether it is empty, small or large.
export const SMALL_MAX = 10;
export const PROTECTION_LEVEL = SMALL_MAX + 1;

export const isSmallCount = (n: number): boolean => n >= 1 && n <= SMALL_MAX;
