package io.limbic.analytics.kpi.backtest;

/**
 * How well predictions matched their actuals, over the {@code n} predictions of one KPI that have an actual.
 * Fractions, not percent. NaN where a metric has no defined value (e.g. correlation of a constant series).
 *
 * @param mape mean of |actual - predicted| / |actual| over the predictions whose actual is not 0
 * @param mapeSkipped how many predictions MAPE skipped because their actual was 0
 * @param smape mean of 2 |actual - predicted| / (|actual| + |predicted|); a term with both 0 counts as 0
 * @param directionalAccuracy share of predictions whose direction from the last value before the origin (up, down
 *     or flat) matched the actual's; predictions without such a value are left out
 * @param correlation Pearson correlation of predicted and actual
 * @param coverage95 share of actuals inside the 95 % band (well calibrated: close to 0.95)
 * @param rushDayRecall of the predictions whose actual is in the top decile of the actuals, the share whose
 *     predicted value is in the top decile of the predicted values (NaN with fewer than 10 predictions)
 */
public record ForecastMetrics(
    int n, double mape, int mapeSkipped, double smape, double directionalAccuracy, double correlation,
    double coverage95, double rushDayRecall) {}
