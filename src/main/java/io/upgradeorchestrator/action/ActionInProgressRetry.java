package io.upgradeorchestrator.action;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job that finds its action still running elsewhere ({@link ActionInProgressException}) waits for it instead of
 * failing. That happens after a crash: the job's lock expires (minutes) long before the dead worker's STARTED run
 * counts as abandoned ({@code stale-after}, one hour by default, and at least the action's timeout plus
 * {@code kill-grace} and {@code stale-margin}); spending the job's retries in between would end in an incident
 * although nothing is wrong. It also happens when a job outlives its lock while its worker still runs.
 *
 * <p>Such a job keeps its retries, gets no incident, and is due again when the run would count as abandoned, but
 * after at most {@link #RECHECK}: by then the other worker has finished (the job gets the recorded answer) or the
 * run is abandoned (the job runs it again). The failed attempt stays in the job's history. Every other failure takes
 * the engine's usual way (retry time cycle, then an incident).
 */
@Component
class ActionInProgressRetry extends AbstractProcessEnginePlugin {

    /** How long a job waits at most before it looks at the running action again. */
    static final Duration RECHECK = Duration.ofMinutes(1);
    /** Leeway after the moment a run counts as abandoned, for clocks of different nodes. */
    private static final Duration CLOCK_LEEWAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ActionInProgressRetry.class);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory usual = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, failure) -> {
            ActionInProgressException busy = inProgress(failure);
            return busy == null ? usual.getCommand(jobId, failure) : new WaitForAction(jobId, busy);
        });
    }

    private static ActionInProgressException inProgress(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ActionInProgressException busy) {
                return busy;
            }
        }
        return null;
    }

    /** Unlocks the job and makes it due again later, leaving its retries as they are. */
    static final class WaitForAction extends JobRetryCmd {

        private final ActionInProgressException busy;

        WaitForAction(String jobId, ActionInProgressException busy) {
            super(jobId, busy);
            this.busy = busy;
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job == null) {
                return null; // gone meanwhile (e.g. the process instance was cancelled)
            }
            Instant now = Instant.now();
            Instant abandonedAt = busy.staleAt() == null ? now : busy.staleAt().plus(CLOCK_LEEWAY);
            Instant next = abandonedAt.isBefore(now.plus(RECHECK)) ? abandonedAt : now.plus(RECHECK);
            job.unlock();
            job.setDuedate(Date.from(next.isBefore(now) ? now : next));
            log.info("Job {} waits for an action that is still running: {}; due again at {}", job.getId(),
                    busy.getMessage(), job.getDuedate().toInstant());
            notifyAcquisition(commandContext);
            return null;
        }
    }
}
