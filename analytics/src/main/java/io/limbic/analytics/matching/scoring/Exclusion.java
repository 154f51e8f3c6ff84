package io.limbic.analytics.matching.scoring;

/** Why a candidate can never be suggested to a searcher, whatever their score. */
public enum Exclusion {
  SELF,
  OTHER_TENANT,
  BLOCKED_BY_SEARCHER,
  BLOCKED_SEARCHER,
  PASSED,
  DECIDED,
  ALREADY_MATCHED,
  TOO_FAR
}
