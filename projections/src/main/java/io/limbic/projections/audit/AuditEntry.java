package io.limbic.projections.audit;

/**
 * A stored action: its id (increasing in the order actions were begun) and the status of the answer, null while
 * the action runs or when its outcome could not be recorded (the node stopped, the database failed).
 */
public record AuditEntry(long id, AuditAction action, Integer status) {}
