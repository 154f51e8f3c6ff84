package io.limbic.analytics.forensics;

/**
 * One variant of one context against that context's holdout.
 *
 * @param lift treated success rate minus holdout success rate (absolute), Newcombe 95 % interval
 * @param churnReduction holdout churn rate minus treated churn rate, Newcombe 95 % interval
 * @param preventedChurnValue churn reduction x treated exposures x mean lifetime value of the exposed users; its
 *     interval is the churn reduction's scaled the same way (the mean value is taken as known)
 * @param roi (prevented churn value - cost) / cost; NaN when the variant cost nothing
 */
public record VariantReport(
    String contextId, String variantId, ArmOutcomes treated, ArmOutcomes holdout, Interval lift,
    Interval churnReduction, Interval preventedChurnValue, double cost, double roi) {}
