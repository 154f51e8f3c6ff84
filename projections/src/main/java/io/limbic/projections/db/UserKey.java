package io.limbic.projections.db;

/** A read-model row's key: the user within its tenant. */
public record UserKey(String tenant, String userId) {}
