package io.limbic.analytics.engagement;

/**
 * One term of the score's log-odds: {@code contribution = weight * value}. The contributions of an assessment add
 * up to its log-odds, so each says how far that factor pushed the score and which way (positive: towards risk).
 *
 * @param factor the factor's name ({@code baseline}, {@code absence}, {@code slowdown}, {@code activity},
 *     {@code frustration}, {@code contentment}, {@code losses}, {@code wins})
 * @param value the factor's input as the model transforms it (log2 of a ratio, or ln(1 + count))
 */
public record RiskReason(String factor, double value, double weight, double contribution) {}
