package io.limbic.cluster.escalation;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.IncidentEvent;
import io.limbic.protocol.escalation.IncidentEvent.ChainEnded;
import io.limbic.protocol.escalation.IncidentEvent.ContactPaged;
import io.limbic.protocol.escalation.IncidentEvent.IncidentAcknowledged;
import io.limbic.protocol.escalation.IncidentEvent.IncidentOpened;
import io.limbic.protocol.escalation.IncidentEvent.NoticeDelivered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's incidents as the journal tells them: the current (latest) incident and the emotions that opened the
 * recent ones, so an emotion delivered again (safety net, retry) never opens a second incident.
 *
 * @param current null before the first incident
 * @param openedBy emotion ids that opened incidents, newest last, at most {@link #REMEMBERED}
 */
public record IncidentState(Current current, List<String> openedBy) implements CborSerializable {
  static final int REMEMBERED = 200;

  /**
   * @param paged index of the contact paged last (-1 none yet)
   * @param deadline when the next step is due while open; null once acknowledged or ended
   * @param delivered "contactIndex:channelIndex" of every notice a provider accepted
   */
  public record Current(
      IncidentOpened opened, int paged, Instant deadline, String ackedBy, Instant ackedAt, boolean ended,
      Set<String> delivered) implements CborSerializable {

    public String id() {
      return opened.incidentId();
    }

    public boolean acknowledged() {
      return ackedAt != null;
    }

    /** Still running its chain: neither acknowledged nor ended. */
    public boolean open() {
      return !acknowledged() && !ended;
    }

    public boolean delivered(int contact, int channel) {
      return delivered.contains(contact + ":" + channel);
    }

    public EscalationPolicy.Contact contact(int index) {
      return opened.contacts().get(index);
    }

    Current with(int paged, Instant deadline, String ackedBy, Instant ackedAt, boolean ended, Set<String> delivered) {
      return new Current(opened, paged, deadline, ackedBy, ackedAt, ended, delivered);
    }
  }

  public static IncidentState empty() {
    return new IncidentState(null, List.of());
  }

  public boolean wasOpenedBy(String emotionId) {
    return openedBy.contains(emotionId);
  }

  /** Whether a new incident may open at {@code now}: none is open, and the window of the last one has passed. */
  public boolean mayOpen(Instant now) {
    if (current == null) return true;
    return !current.open() && !now.isBefore(current.opened().at().plus(current.opened().window()));
  }

  public IncidentState apply(IncidentEvent event) {
    if (event instanceof IncidentOpened e) {
      List<String> ids = new ArrayList<>(openedBy);
      ids.add(e.emotionId());
      if (ids.size() > REMEMBERED) ids = ids.subList(ids.size() - REMEMBERED, ids.size());
      return new IncidentState(new Current(e, -1, null, null, null, false, Set.of()), List.copyOf(ids));
    }
    if (current == null || !current.id().equals(event.incidentId())) return this;
    Current c = current;
    if (event instanceof ContactPaged e) {
      return new IncidentState(c.with(e.contactIndex(), e.deadline(), c.ackedBy(), c.ackedAt(), false, c.delivered()), openedBy);
    }
    if (event instanceof NoticeDelivered e) {
      Set<String> delivered = new HashSet<>(c.delivered());
      delivered.add(e.contactIndex() + ":" + e.channelIndex());
      return new IncidentState(c.with(c.paged(), c.deadline(), c.ackedBy(), c.ackedAt(), c.ended(), Set.copyOf(delivered)), openedBy);
    }
    if (event instanceof IncidentAcknowledged e) {
      return new IncidentState(c.with(c.paged(), null, e.by(), e.at(), c.ended(), c.delivered()), openedBy);
    }
    if (event instanceof ChainEnded) {
      return new IncidentState(c.with(c.paged(), null, c.ackedBy(), c.ackedAt(), true, c.delivered()), openedBy);
    }
    return this; // NoticeFailed: part of the timeline, no change of state
  }
}
