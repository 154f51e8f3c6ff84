package io.limbic.projections.schedules;

/** A schedule every tenant with data gets unless it changed or disabled it (README "Jobs and schedules"). */
public record ScheduleDefault(String name, String kind, String cron, String requestJson) {}
