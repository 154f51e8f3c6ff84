package io.limbic.projections.activity;

import java.util.List;

/** How many of a tenant's users were active recently, and the most recent of them. */
public record ActivityReport(long count, List<ActiveUser> users) {}
