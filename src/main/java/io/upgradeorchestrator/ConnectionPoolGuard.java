package io.upgradeorchestrator;

import javax.sql.DataSource;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Refuses to start with a connection pool that the job executor can exhaust. A job holds the engine's connection
 * while the action record and the mail log are written in transactions of their own (they must survive the
 * job's rollback), so one job thread may need two connections at once. With a pool no larger than twice the job
 * threads, a busy rollout has every job thread waiting for a connection that another job thread holds.
 */
@Component
class ConnectionPoolGuard {

    /** Connections kept for Tasklist, Cockpit and the API while every job thread holds two. */
    static final int WEB_RESERVE = 5;

    ConnectionPoolGuard(DataSource dataSource, CamundaBpmProperties camunda) {
        if (dataSource instanceof HikariDataSource pool && camunda.getJobExecution().isEnabled()) {
            check(pool.getMaximumPoolSize(), camunda.getJobExecution().getMaxPoolSize());
        }
    }

    static void check(int connections, int jobThreads) {
        int needed = 2 * jobThreads + WEB_RESERVE;
        if (connections < needed) {
            throw new IllegalStateException("spring.datasource.hikari.maximum-pool-size is " + connections
                    + " but must be at least " + needed + " for camunda.bpm.job-execution.max-pool-size " + jobThreads
                    + ": each job thread may hold two connections at once (the engine's, and the action record's own"
                    + " transaction), plus " + WEB_RESERVE + " for web requests. Raise the pool or lower the job threads.");
        }
    }
}
