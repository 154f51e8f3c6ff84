package io.limbic.analytics.kpi;

/**
 * What a recommendation aims for: drive KPI {@code kpi} to {@code level} (tracking, penalising squared distance) or,
 * when {@code level} is null, as high as the constraints allow. {@code inputCost} penalises squared inputs
 * (regularisation, default small).
 */
public record Target(String kpi, Double level, double inputCost) {}
