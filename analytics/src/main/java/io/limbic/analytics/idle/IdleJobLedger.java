package io.limbic.analytics.idle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The idle-phase jobs a node holds (queued or running), by token, by {@link IdleJobKey} and by user: so a second
 * offer of the same work finds the first, and a user who came back finds every job of theirs, whichever
 * incarnation of their entity offered it. Not thread-safe: one owner (the node's work governor).
 */
public final class IdleJobLedger {
  private final Map<Long, IdleJobKey> byToken = new HashMap<>();
  private final Map<IdleJobKey, Long> byKey = new HashMap<>();
  private final Map<String, Set<Long>> byUser = new HashMap<>();

  /** The token of the job already held for this work, if any. */
  public Optional<Long> holder(IdleJobKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Holds a job; false (and nothing changes) if this token or this work is already held. */
  public boolean hold(long token, IdleJobKey key) {
    if (byToken.containsKey(token) || byKey.containsKey(key)) return false;
    byToken.put(token, key);
    byKey.put(key, token);
    byUser.computeIfAbsent(key.userKey(), u -> new HashSet<>()).add(token);
    return true;
  }

  /** Lets a job go (it finished, failed or was cancelled); unknown tokens are ignored. */
  public void release(long token) {
    IdleJobKey key = byToken.remove(token);
    if (key == null) return;
    byKey.remove(key);
    Set<Long> tokens = byUser.get(key.userKey());
    tokens.remove(token);
    if (tokens.isEmpty()) byUser.remove(key.userKey());
  }

  /** The tokens of every job held for this user. */
  public Set<Long> tokensOf(String userKey) {
    return Set.copyOf(byUser.getOrDefault(userKey, Set.of()));
  }

  public int size() {
    return byToken.size();
  }
}
