package com.dispatchconsole.testing;

import com.dispatchconsole.persistence.Database;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections a database's pool hands out. Every unit of work takes one connection for its one
 * transaction and gives it back, so the count is how many transactions a use case ran: what a test asserts to
 * show that a use case reads everything it needs in the transactions it names, and nothing again in another.
 * Count only around the call under test: {@link Sql} borrows connections too.
 */
public final class Transactions {

    private final AtomicInteger borrowed = new AtomicInteger();

    private Transactions() {
    }

    /** Starts counting on this database's pool; a pool takes one counter in its life. */
    public static Transactions countedOn(Database database) {
        Transactions transactions = new Transactions();
        ((HikariDataSource) database.dataSource()).setMetricsTrackerFactory((pool, stats) -> new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                transactions.borrowed.incrementAndGet();
            }
        });
        return transactions;
    }

    /** How many transactions {@code work} ran. */
    public int during(Runnable work) {
        int before = borrowed.get();
        work.run();
        return borrowed.get() - before;
    }
}
