package io.limbic.cluster.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;

/** An emotion of an identified session that the user's entity has not acknowledged yet, under the id it is sent with. */
public record UndeliveredEmotion(String emotionId, EmotionDetected emotion) implements CborSerializable {}
