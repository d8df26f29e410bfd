package com.dispatchconsole.domain.rows;

/**
 * Which database a console's rows came from. The cluster's system identifier is chosen at {@code initdb}: another
 * cluster answering on the same port has another one, and so does a dump restored into another server. The
 * database's oid and name tell a database dropped and restored (or copied) within one cluster from the original.
 * A server restart changes none of them, so only a real change of database makes a console reload from scratch.
 *
 * @param systemIdentifier null when the login may not call {@code pg_control_system()} (any login may on
 *                         PostgreSQL 18 unless an administrator revoked it); then oid and name alone are compared
 */
public record DatabaseIdentity(Long systemIdentifier, long databaseOid, String databaseName) {

    /** For the dispatcher and the log: {@code “dispatch” (cluster 7712949179108951969, oid 16384)}. */
    public String describe() {
        return "“" + databaseName + "” (" + (systemIdentifier == null ? "cluster unknown" : "cluster " + systemIdentifier)
                + ", oid " + databaseOid + ")";
    }
}
