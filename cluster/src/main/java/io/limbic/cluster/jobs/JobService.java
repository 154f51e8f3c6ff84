package io.limbic.cluster.jobs;

import io.limbic.projections.retention.SessionRetention;
import io.limbic.projections.retention.SessionRetentionWork;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.session.SessionCommand;
import org.apache.pekko.persistence.typed.PersistenceId;

import io.limbic.projections.interventions.InterventionRepository;
import io.limbic.projections.jobs.JobPlatform;
import io.limbic.projections.jobs.JobRepository;
import io.limbic.projections.jobs.JobSettings;
import io.limbic.projections.jobs.JobWork;
import io.limbic.projections.jobs.RoiReportWork;
import io.limbic.projections.schedules.ScheduleRepository;
import io.limbic.projections.schedules.ScheduleRound;
import io.limbic.projections.schedules.ScheduleSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Starts this node's {@link JobPlatform} with the works it ships with ({@code roi_report}) plus the given ones and
 * the cluster's schedule ticker ({@link ScheduleTicker}), and stops the platform (releasing its running jobs to the next node) once the HTTP API has stopped taking requests.
 */
public final class JobService {
  private JobService() {}

  public static JobPlatform start(
      ActorSystem<?> system, DataSource readModels, Executor blocking, Clock clock, List<JobWork> extraWorks) {
    List<JobWork> works = new ArrayList<>();
    works.add(new RoiReportWork(new InterventionRepository(readModels), clock));
    String sessions = SessionCommand.ENTITY_TYPE.name();
    SessionRetention retention = new SessionRetention(readModels, Tags.all(sessions),
        pid -> Tags.forEntity(sessions, pid.substring(pid.indexOf('|') + 1)));
    works.add(new SessionRetentionWork(retention,
        system.settings().config().getInt("limbic.retention.session-days"), JobService::sessionsOf, clock));
    works.addAll(extraWorks);
    var self = Cluster.get(system).selfMember().uniqueAddress();
    String node = self.address().hostPort() + "#" + Long.toHexString(self.longUid());
    JobPlatform platform = JobPlatform.start(new JobRepository(readModels), works,
        JobSettings.from(system.settings().config()), blocking, clock, node);
    ScheduleRound round = new ScheduleRound(new ScheduleRepository(readModels), new JobRepository(readModels),
        platform, platform::has, ScheduleSettings.from(system.settings().config()), clock);
    ScheduleTicker.init(system, round, blocking, ScheduleSettings.from(system.settings().config()).tick());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "stop-jobs", () ->
        CompletableFuture.supplyAsync(() -> {
          platform.stop();
          return Done.getInstance();
        }));
    return platform;
  }

  /** Every session's persistence id is {@code Session|<tenant>/<session id>}. */
  static String sessionsOf(String tenant) {
    String one = PersistenceId.of(SessionCommand.ENTITY_TYPE.name(), new TenantScopedId(tenant, "x").entityId()).id();
    return one.substring(0, one.length() - 1);
  }
}
