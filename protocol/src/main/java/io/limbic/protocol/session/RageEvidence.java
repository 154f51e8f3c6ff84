package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.util.List;

/**
 * How a reading's rage probability came about: the tenant's prior, the factor by which the evidence moved its odds,
 * the posterior, the independent kinds of evidence that corroborated the rage clicks (dead or error clicks, a
 * thrashed cursor, excessive scrolling, quick backs) and whether the convergence rule capped it at 0.80 because
 * there were none.
 */
public record RageEvidence(
    double prior, double likelihoodRatio, double posterior, List<String> corroboratedBy, boolean capped)
    implements CborSerializable {}
