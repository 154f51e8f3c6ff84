package io.limbic.analytics.session.physics;

/**
 * The physics of a session at one moment, for the session's read model and the classifier.
 *
 * @param at session time of the newest sample taken into account
 * @param samples samples accepted so far (all types)
 * @param windowMs length of the sliding window
 * @param session figures over the whole session
 * @param window figures over the last {@code windowMs}
 */
public record PhysicsSnapshot(long at, long samples, long windowMs, MotionFigures session, MotionFigures window) {}
