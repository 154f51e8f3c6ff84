package io.limbic.analytics.kpi.backtest;

import java.time.Instant;

/**
 * One coming period of the predictive calendar for one KPI: the predicted mean with its 95 % band, and whether it is
 * a rush day (the predicted mean reaches the top decile of the KPI's observed history).
 */
public record CalendarDay(Instant period, String kpi, double predicted, double lower95, double upper95, boolean rush) {}
