package io.limbic.projections.audit;

import java.time.Instant;

/**
 * A page of one tenant's log, newest first: entries at or after {@code from} and before {@code to} (either may be
 * null), of one action (or all: null), with an id below {@code before} (the previous page's last id, or null).
 */
public record AuditQuery(String tenant, Instant from, Instant to, String action, Long before, int limit) {}
