package io.limbic.cluster.downing;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A lease row as read from {@code cluster_leases}: who holds it ({@code ""}: nobody), until when (the database's
 * clock), and its version (every write changes it). Pure: what a node may do with the row at a database time.
 */
public record LeaseRow(String owner, OffsetDateTime expiresAt, long version) {
  public static final String FREE = "";

  /** Whether {@code claimant} may take the row at {@code now}: free, expired, or already its own. */
  public boolean takeableBy(String claimant, OffsetDateTime now) {
    return owner.equals(FREE) || owner.equals(claimant) || !now.isBefore(expiresAt);
  }

  /** Whether {@code claimant} holds the row at {@code now} (its own and not expired). */
  public boolean heldBy(String claimant, OffsetDateTime now) {
    return owner.equals(claimant) && now.isBefore(expiresAt);
  }

  /** The row after {@code claimant} took or renewed it at {@code now} for {@code timeout}. */
  public LeaseRow claimedBy(String claimant, OffsetDateTime now, Duration timeout) {
    return new LeaseRow(claimant, now.plus(timeout), version + 1);
  }
}
