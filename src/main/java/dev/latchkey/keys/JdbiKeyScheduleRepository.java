package dev.latchkey.keys;

import dev.latchkey.store.Database;
import dev.latchkey.support.ApiException;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link KeyScheduleRepository} over JDBI: one row per workspace and key use. */
public final class JdbiKeyScheduleRepository implements KeyScheduleRepository {

    private static final String COLUMNS =
            "tenant_id, workspace_id, key_use, enabled, cron, starting_from, scheduled_at, version";

    private final Jdbi jdbi;

    public JdbiKeyScheduleRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<KeySchedule> find(String tenantId, String workspaceId, String use) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM key_rotation_schedules
                        WHERE tenant_id = :tid AND workspace_id = :aid AND key_use = :use""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("use", use)
                .map((rs, ctx) -> schedule(rs)).findOne());
    }

    @Override
    public void save(KeySchedule s) {
        if (update(s)) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO key_rotation_schedules (" + COLUMNS + """
                            ) VALUES (:tid, :aid, :use, :enabled, :cron, :from, :at, 1)""")
                    .bind("tid", s.tenantId()).bind("aid", s.workspaceId()).bind("use", s.use())
                    .bind("enabled", s.enabled()).bind("cron", s.cron())
                    .bind("from", timestamp(s.startingFrom())).bind("at", timestamp(s.scheduledAt())).execute());
        } catch (RuntimeException e) {
            // another request created the row meanwhile (PostgreSQL has aborted this transaction by now)
            if (Database.isDuplicateKey(e)) {
                throw ApiException.conflict("The schedule was changed by another request; try again");
            }
            throw e;
        }
    }

    private boolean update(KeySchedule s) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE key_rotation_schedules SET enabled = :enabled, cron = :cron, starting_from = :from,
                               scheduled_at = :at, version = version + 1
                        WHERE tenant_id = :tid AND workspace_id = :aid AND key_use = :use""")
                .bind("tid", s.tenantId()).bind("aid", s.workspaceId()).bind("use", s.use())
                .bind("enabled", s.enabled()).bind("cron", s.cron())
                .bind("from", timestamp(s.startingFrom())).bind("at", timestamp(s.scheduledAt()))
                .execute()) == 1;
    }

    @Override
    public List<KeySchedule> due(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM key_rotation_schedules
                        WHERE enabled = TRUE AND scheduled_at <= :now ORDER BY scheduled_at LIMIT :limit""")
                .bind("now", timestamp(now)).bind("limit", limit)
                .map((rs, ctx) -> schedule(rs)).list());
    }

    @Override
    public boolean claim(KeySchedule s, Instant nextAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE key_rotation_schedules SET scheduled_at = :at, version = version + 1
                        WHERE tenant_id = :tid AND workspace_id = :aid AND key_use = :use AND version = :version
                          AND enabled = TRUE""")
                .bind("tid", s.tenantId()).bind("aid", s.workspaceId()).bind("use", s.use())
                .bind("at", timestamp(nextAt)).bind("version", s.version())
                .execute()) == 1;
    }

    @Override
    public Optional<Instant> earliest() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT MIN(scheduled_at) AS earliest FROM key_rotation_schedules WHERE enabled = TRUE")
                .map((rs, ctx) -> Optional.ofNullable(instant(rs, "earliest"))).one());
    }

    private static KeySchedule schedule(ResultSet rs) throws SQLException {
        return new KeySchedule(rs.getString("tenant_id"), rs.getString("workspace_id"), rs.getString("key_use"),
                rs.getBoolean("enabled"), rs.getString("cron"), instant(rs, "starting_from"),
                instant(rs, "scheduled_at"), rs.getLong("version"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
